// The suggester is generic and lives in lib/; the S1QL parsers keep importing it from here.
export {
  editDistance,
  type SuggestClosestOptions,
  suggestClosest,
} from '../../lib/suggest-closest.ts';
