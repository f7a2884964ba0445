import { ErrorCode, TransactionStatus, TransactionType } from '@wallet/shared';
import { csvField, csvText, statementCsvLine } from './statement-csv';
import type { StatementRow } from './transactions.repository';

const row = (overrides: Partial<StatementRow> = {}): StatementRow => ({
  id: '0190d2a4-0000-7000-8000-000000000001',
  walletId: '0190d2a4-0000-7000-8000-0000000000aa',
  type: TransactionType.TRANSFER_OUT,
  amount: 1234,
  delta: -1234,
  status: TransactionStatus.SUCCESS,
  failureReason: null,
  balanceAfter: 100_000_05,
  counterpartyUserId: null,
  counterpartyName: 'Grace Hopper',
  transferId: null,
  memo: null,
  reversesId: null,
  reversedById: null,
  createdAt: new Date('2026-03-01T12:00:00.250Z'),
  seq: 1,
  cursorAt: '2026-03-01 12:00:00.250123+00',
  ...overrides,
});

describe('statement CSV (docs/design.md §13)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['line\nfeed', '"line\nfeed"'],
    ['', ''],
  ])('quotes %p as RFC 4180 does', (value, quoted) => {
    expect(csvField(value)).toBe(quoted);
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['Rent, March', '"Rent, March"'],
  ])('keeps %p from running as a formula', (value, written) => {
    expect(csvText(value)).toBe(written);
  });

  it('writes a debit negative, in dollars with two decimals, and empty fields for nulls', () => {
    expect(statementCsvLine(row())).toBe(
      '0190d2a4-0000-7000-8000-000000000001,2026-03-01T12:00:00.250Z,transfer_out,SUCCESS,-12.34,100000.05,' +
        'Grace Hopper,,',
    );
  });

  it('writes a credit, the memo and the failure reason', () => {
    const line = statementCsvLine(
      row({
        type: TransactionType.WITHDRAW,
        amount: 5,
        delta: -5,
        status: TransactionStatus.FAILED,
        failureReason: ErrorCode.INSUFFICIENT_FUNDS,
        balanceAfter: 0,
        counterpartyName: null,
        memo: 'for "lunch", thanks',
      }),
    );
    expect(line.split(',').slice(2, 6)).toEqual(['withdraw', 'FAILED', '-0.05', '0.00']);
    expect(line).toMatch(/,,"for ""lunch"", thanks",INSUFFICIENT_FUNDS$/);
    expect(statementCsvLine(row({ type: TransactionType.REVERSAL, delta: 1234 }))).toContain(
      ',reversal,SUCCESS,12.34,',
    );
  });
});
