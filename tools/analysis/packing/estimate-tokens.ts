/**
 * Tokens a prompt text costs, estimated as characters / 4 (rounded up): close for English
 * and code under common BPE tokenizers, optimistic for long digit runs such as event ids,
 * which is why packing keeps a margin below its budget.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
