/**
 * The engine's limits. Queries come from analysts, from models and from whoever can reach
 * the simulator, so every cost a query can cause (parsing, planning, matching) is bounded
 * here; each limit is far above what a real hunt writes.
 */

/** Deep enough for any real hunt, shallow enough that recursion cannot exhaust the stack. */
export const MAX_S1QL_NESTING = 64;

/** Longer texts are refused before they are read, so tokenizing stays cheap. */
export const MAX_S1QL_QUERY_LENGTH = 100_000;

/**
 * SQLite's planner spends time quadratic in the number of indexable terms it is given, so
 * 20,000 conditions took it half a minute; 2,000 plan in well under a second.
 */
export const MAX_S1QL_PREDICATES = 2_000;

/**
 * SQLite binds at most 32,766 `?` parameters in one statement. A compiled fragment is
 * always embedded in a larger statement (the simulator binds four more of its own), so the
 * fragment stops at 32,000 and leaves the rest to the statement around it.
 */
export const MAX_S1QL_SQL_PARAMS = 32_000;

/** A RegExp pattern, in UTF-16 code units. */
export const MAX_S1QL_PATTERN_LENGTH = 1_000;

/**
 * RE2 matches in time linear in the input, but the cost per character grows with the
 * compiled program; past a few thousand instructions RE2JS leaves its DFA and a 1 MB value
 * takes tens of seconds. Ordinary hunting patterns compile to well under 200.
 */
export const MAX_S1QL_PATTERN_PROGRAM_SIZE = 2_000;
