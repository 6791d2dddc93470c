import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';

export type Logger = PinoLogger;

export type LogLevel = 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Keys whose values never reach a log line, wherever they sit in the object. */
const REDACTED_KEYS = [
  'token',
  'apiToken',
  'password',
  'secret',
  'authorization',
  'Authorization',
  'cookie',
];

export function redactionPaths(extra: readonly string[] = []): string[] {
  const keys = [...REDACTED_KEYS, ...extra];
  return keys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `headers.${key}`]);
}

/**
 * The one logger of the process. Quiet by default (warnings and errors only), JSON
 * lines on stderr so stdout stays free for command output.
 */
export function createLogger({
  level = 'warn',
  redact = [],
  destination,
}: {
  level?: LogLevel;
  redact?: readonly string[];
  destination?: DestinationStream;
} = {}): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: redactionPaths(redact), censor: '[redacted]' },
    },
    destination ?? pino.destination(2),
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
