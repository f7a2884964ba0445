/** Integer cents: `2500` is $25.00 (docs/design.md §2). */
export type Cents = number;

export const MIN_AMOUNT_CENTS: Cents = 1;
export const MAX_AMOUNT_CENTS: Cents = 100_000_000;

/** `1234` → `"$12.34"`, `-5` → `"-$0.05"`; exact for every safe integer, no float arithmetic. */
export function formatCents(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const digits = Math.abs(cents).toString().padStart(3, '0');
  const dollars = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${dollars}.${digits.slice(-2)}`;
}

/**
 * `-1234` → `"-12.34"`, `5` → `"0.05"`: plain dollars with two decimals and no symbol or
 * separators, as a spreadsheet reads them (statements, docs/design.md §13). Integer arithmetic only.
 */
export function centsToDecimal(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  const digits = Math.abs(cents).toString().padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Parses a dollar amount typed by a person (`"12"`, `"12.3"`, `"$1,234.56"`) into cents by
 * reading the digits, never by multiplying a float. Returns `null` for anything else, including
 * more than two decimals.
 */
export function parseDollarsToCents(input: string): Cents | null {
  const match = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  const whole = (match[1] ?? '0').replace(/,/g, '');
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const cents = Number(whole) * 100 + Number(fraction);
  return Number.isSafeInteger(cents) ? cents : null;
}
