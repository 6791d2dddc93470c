/**
 * The one form of a principal id that casebook stores and compares. People type their
 * login or email in whatever case, and pasted text can carry full-width letters or
 * surrounding blanks; were those different ids, `ALICE@example.com` and
 * `alice@example.com` would count as two approvers while being one person. NFKC folds
 * compatibility forms (full-width letters, ligatures, the Kelvin sign) into plain ones,
 * lower-casing folds case (mailbox names are case-insensitive in every provider a SOC
 * uses), and the second NFKC keeps the result stable when lower-casing left a sequence
 * that composes differently. Look-alike letters of other scripts stay distinct; the id
 * pattern refuses them when a principal is stored.
 */
export function canonicalPrincipalId(id: string): string {
  return id.normalize('NFKC').toLowerCase().normalize('NFKC').trim();
}
