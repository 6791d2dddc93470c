const EPOCH_MS = /^[0-9]{1,15}$/;
const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const TIME = String.raw`(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?`;
const ZONE = String.raw`(Z|z|[+-]\d{2}(?::?\d{2})?)`;
const ISO_8601 = new RegExp(`^${DATE}(?:[Tt ]${TIME}${ZONE}?)?$`);

/**
 * Reads a time value as epoch milliseconds: either plain epoch milliseconds or ISO-8601
 * (`2024-05-01`, `2024-05-01T12:30`, `2024-05-01 12:30:00.250+02:00`). A time without a zone
 * is taken as UTC, because the console shows and stores event times in UTC.
 */
export function parseS1qlTime(text: string): number | undefined {
  if (EPOCH_MS.test(text)) return Number(text);

  const parts = ISO_8601.exec(text);
  if (parts === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = parts;

  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  };
  if (fields.hour > 23 || fields.minute > 59 || fields.second > 59) return undefined;

  const millis = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    millis,
  );
  const check = new Date(utc);
  if (check.getUTCMonth() !== fields.month - 1 || check.getUTCDate() !== fields.day) {
    return undefined;
  }

  const offset = zoneOffsetMinutes(zone);
  return offset === undefined ? undefined : utc - offset * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;

  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}
