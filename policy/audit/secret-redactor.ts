const CENSOR = '[redacted]';

/** Keys whose values are secrets wherever they sit; compared without case, `-` or `_`. */
const SECRET_KEYS = [
  'token',
  'apitoken',
  'accesstoken',
  'refreshtoken',
  'sessiontoken',
  'idtoken',
  'password',
  'passwd',
  'secret',
  'clientsecret',
  'authorization',
  'cookie',
  'setcookie',
  'apikey',
  'privatekey',
];

/** Secret-shaped text, wherever it appears in a string. */
const SECRET_PATTERNS = [
  // Scheme and credential go together, before the credential alone could be matched.
  /\bApiToken[\s:]+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\bBasic\s+[A-Za-z0-9+/]{8,}={0,2}/g,
  // JWTs: three base64url parts, the first always an encoded `{"`.
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

export interface RedactionConfig {
  /** More keys whose values are always secret. */
  keys?: readonly string[];
  /** More regular expressions (source text) for secret-shaped values. */
  patterns?: readonly string[];
  /** Exact secrets known to the process, such as the tenant's console token. */
  secrets?: readonly string[];
}

export interface SecretRedactor {
  /** A deep copy with secret keys censored and secret-shaped text replaced. */
  redact<Value>(value: Value): Value;
  redactText(text: string): string;
}

function normalise(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The filter every audit payload and policy log line passes before it is stored. It
 * errs on the side of censoring: an audit entry that hides a harmless value is better
 * than one that keeps a token forever in a hash-chained table.
 */
export function createSecretRedactor(config: RedactionConfig = {}): SecretRedactor {
  const keys = new Set([...SECRET_KEYS, ...(config.keys ?? [])].map(normalise));
  const secrets = [...new Set((config.secrets ?? []).filter((secret) => secret.length >= 4))];
  const patterns = [
    ...SECRET_PATTERNS,
    ...(config.patterns ?? []).map((source) => new RegExp(source, 'g')),
    ...(secrets.length > 0
      ? [
          new RegExp(
            secrets
              .sort((a, b) => b.length - a.length)
              .map(escapeForRegExp)
              .join('|'),
            'g',
          ),
        ]
      : []),
  ];

  const redactText = (text: string): string =>
    patterns.reduce((current, pattern) => current.replace(pattern, CENSOR), text);

  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (typeof value !== 'object' || value === null || depth > 32) return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));

    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[redactText(key)] = keys.has(normalise(key)) ? CENSOR : walk(item, depth + 1);
    }
    return copy;
  };

  return { redact: <Value>(value: Value) => walk(value, 0) as Value, redactText };
}
