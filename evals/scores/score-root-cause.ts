/** Null when the ground truth names no root-cause process. */
export function scoreRootCause({
  truth,
  predicted,
}: {
  truth: string | undefined;
  predicted: string | undefined;
}): boolean | null {
  if (truth === undefined) return null;
  return predicted !== undefined && predicted.toUpperCase() === truth.toUpperCase();
}
