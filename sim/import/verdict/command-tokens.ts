/**
 * Bag-of-tokens matching between an attacker's command and recorded command lines or
 * scripts. Tokens are lower-cased words of paths, switches and URLs; a token weighs more
 * the longer it is and the fewer documents of the recording contain it (IDF), so
 * `bitsadmin1_flag.ps1` decides a match and `c:`, `windows` or `-k` do not.
 */

const SEPARATORS = /[\s"'`,;|&<>=()[\]{}\\/^*?!+:]+/;
const EDGE_PUNCTUATION = /^[-.$%@#~]+|[-.$%@#~]+$/g;

/** Registry hives are spelt out by `reg.exe` users and abbreviated by Sysmon. */
const HIVES: Record<string, string> = {
  hkey_local_machine: 'hklm',
  hkey_current_user: 'hkcu',
  hkey_users: 'hku',
  hkey_classes_root: 'hkcr',
  hkey_current_config: 'hkcc',
};

/** The distinct tokens of a text; `x.exe` also yields `x` so a bare program name matches. */
export function tokensOf(text: string): Set<string> {
  const tokens = new Set<string>();
  for (const piece of text.toLowerCase().split(SEPARATORS)) {
    const bare = piece.replace(EDGE_PUNCTUATION, '');
    const token = HIVES[bare] ?? bare;
    if (token.length < 2) {
      continue;
    }
    tokens.add(token);
    if (token.endsWith('.exe') && token.length > 5) {
      tokens.add(token.slice(0, -4));
    }
  }
  return tokens;
}

/** Document frequencies of the tokens of every candidate in a recording. */
export class TokenIndex {
  private readonly frequency = new Map<string, number>();
  private documents = 0;

  add(tokens: ReadonlySet<string>): void {
    this.documents += 1;
    for (const token of tokens) {
      this.frequency.set(token, (this.frequency.get(token) ?? 0) + 1);
    }
  }

  weight(token: string): number {
    const idf = Math.log(1 + this.documents / (1 + (this.frequency.get(token) ?? 0)));
    const length = Math.min(3, 0.5 + token.length / 6);
    return idf * length;
  }
}

export interface TokenMatch {
  /** Share of the command's weight found in the document, 0 to 1. */
  coverage: number;
  /** Weight of the command's tokens found in the document. */
  matched: number;
}

export function matchTokens({
  command,
  document,
  index,
}: {
  command: ReadonlySet<string>;
  document: ReadonlySet<string>;
  index: TokenIndex;
}): TokenMatch {
  let total = 0;
  let matched = 0;
  for (const token of command) {
    const weight = index.weight(token);
    total += weight;
    if (document.has(token)) {
      matched += weight;
    }
  }
  return { coverage: total === 0 ? 0 : matched / total, matched };
}
