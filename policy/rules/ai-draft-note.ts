/**
 * The fixed first line that marks a case note as an unreviewed AI draft. Notes that
 * start with it may be posted in the assist phase; analysts reading the console know
 * no person wrote or checked them.
 */
export const AI_DRAFT_HEADER = '[casebook AI draft: not reviewed by an analyst]';

const LINK = /\b(?:https?|ftp):\/\/|\bwww\./i;

/**
 * True for a note policy may post without a person: it starts with the draft header
 * on its own line and carries no link. A link in a note is how injected telemetry
 * would phish the analyst or leak the case, so a note with one waits for approval.
 */
export function isPostableAiDraft(text: string): boolean {
  return text.startsWith(`${AI_DRAFT_HEADER}\n`) && !LINK.test(text);
}
