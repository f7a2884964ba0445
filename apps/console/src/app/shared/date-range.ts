/**
 * Days a person picks (`<input type="date">`, `2026-03-01`) as the instants the API's half-open
 * ranges take (docs/design.md §13): a day starts at midnight where the person is, and a range
 * "from the 1st to the 31st" includes the 31st, so it ends at the next midnight.
 */

/** Midnight at the start of `day`, local time, as an ISO instant; undefined for no day. */
export function startOfDay(day: string): string | undefined {
  const date = localMidnight(day);
  return date?.toISOString();
}

/** Midnight at the end of `day` (the start of the next), local time, as an ISO instant. */
export function endOfDay(day: string): string | undefined {
  const date = localMidnight(day);
  if (!date) return undefined;
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}

/** Whether the days are in order (either may be empty). */
export function daysInOrder(from: string, to: string): boolean {
  return !from || !to || from <= to;
}

/** `YYYY-MM-DD` of a date, local time, as a date input shows it. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function localMidnight(day: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
