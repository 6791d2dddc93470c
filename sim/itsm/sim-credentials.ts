import { createHash, timingSafeEqual } from 'node:crypto';

/** A user the ITSM simulators accept, with what it may do. */
export interface SimItsmUser {
  /** ServiceNow user name or Jira account email. */
  username: string;
  /** Password (ServiceNow) or API token (Jira) for Basic auth. */
  secret: string;
  /** A Bearer token that stands for the same user, when it has one. */
  bearer?: string;
  displayName: string;
  /** `read` users can look but not write. */
  access: 'write' | 'read';
}

function same(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

/** The user an Authorization header stands for, or undefined. */
export function authenticate(
  users: readonly SimItsmUser[],
  header: string | undefined,
): SimItsmUser | undefined {
  if (header === undefined) return undefined;
  const [scheme, value = ''] = header.split(' ', 2);

  if (scheme?.toLowerCase() === 'bearer') {
    return users.find((user) => user.bearer !== undefined && same(user.bearer, value));
  }
  if (scheme?.toLowerCase() !== 'basic') return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const username = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);

  return users.find((user) => user.username === username && same(user.secret, secret));
}

/** Rate limits count per credential, never by the credential itself. */
export function callerKey(header: string): string {
  return createHash('sha256').update(header).digest('hex');
}
