import { centsToDecimal } from '@wallet/shared';
import type { StatementRow } from './transactions.repository';

/** The CSV statement's first line (docs/design.md §13). */
export const STATEMENT_CSV_HEADER =
  'id,createdAt,type,status,amount,balanceAfter,counterparty,memo,failureReason';

/** RFC 4180 ends every record with CRLF. */
export const CSV_LINE_END = '\r\n';

/**
 * One field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, with
 * quotes doubled inside.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Text other people chose (a name, a memo) that a spreadsheet would run as a formula when it starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return (CSV injection): prefixed with `'`, as OWASP
 * recommends, so it is shown as the text it is. Amounts are written by us and never pass here.
 */
export function csvText(value: string | null): string {
  if (value === null) return '';
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

/**
 * One row of the statement: amounts in dollars with two decimals, debits negative (the row's
 * signed change, `ledger_delta`, also on a FAILED row, whose `status` says that nothing moved).
 */
export function statementCsvLine(row: StatementRow): string {
  return [
    row.id,
    row.createdAt.toISOString(),
    row.type,
    row.status,
    centsToDecimal(row.delta),
    centsToDecimal(row.balanceAfter),
    csvText(row.counterpartyName),
    csvText(row.memo),
    row.failureReason ?? '',
  ].join(',');
}
