import { dynamicSql, rowsOf, sql, type SqlConnection } from './sql';

/** A broken invariant's row, as its check selects it: whatever columns describe the break. */
type ProblemRow = Record<string, unknown>;

export interface LedgerReport {
  wallets: number;
  transactions: number;
  totalBalance: number;
  /** Money that came in: SUCCESS deposits, and reversals of withdrawals (docs/design.md §13). */
  totalDeposits: number;
  /** Money that went out: SUCCESS withdrawals, and reversals of deposits. */
  totalWithdrawals: number;
  /** Each broken invariant, described; empty when the ledger holds. */
  problems: string[];
}

const SHOWN_PER_CHECK = 10;

/** Each ledger row `t` with the row it reverses, `o` (docs/design.md §13), for `DELTA`. */
const ROWS_WITH_ORIGINAL = `transactions t LEFT JOIN transactions o ON o.id = t.reverses_id`;
const DELTA = `ledger_delta(t.type, t.amount, o.type)`;

/** The ledger's totals, each counted by Postgres as a bigint. */
const TOTALS = sql<Omit<LedgerReport, 'problems'>>(
  'ledger_totals',
  `
    SELECT (SELECT count(*) FROM wallets) AS wallets,
           (SELECT count(*) FROM transactions) AS transactions,
           (SELECT coalesce(sum(balance), 0) FROM wallets) AS "totalBalance",
           (SELECT coalesce(sum(t.amount), 0) FROM ${ROWS_WITH_ORIGINAL}
            WHERE t.status = 'SUCCESS' AND (t.type = 'deposit' OR (t.type = 'reversal' AND o.type = 'withdraw')))
             AS "totalDeposits",
           (SELECT coalesce(sum(t.amount), 0) FROM ${ROWS_WITH_ORIGINAL}
            WHERE t.status = 'SUCCESS' AND (t.type = 'withdraw' OR (t.type = 'reversal' AND o.type = 'deposit')))
             AS "totalWithdrawals"`,
);

/**
 * The invariants of docs/design.md §2, checked against the database:
 * 1. every wallet's balance is the signed sum of its SUCCESS rows;
 * 2. Σ balances = Σ deposits − Σ withdrawals (a reversed deposit counts as money out, a reversed
 *    withdrawal as money in);
 * 3. no balance is negative;
 * 4. every SUCCESS transfer is one transfer_out and one transfer_in of the same amount on two
 *    different wallets, sharing a transfer id;
 * 5. each row's balance_after is the running balance of its wallet in ledger order (this catches
 *    a lost update that 1 alone could miss);
 * 6. no wallet's daily usage counter is below what its SUCCESS withdrawals or transfers out since
 *    the start of that day sum to (the money moves trust a counter as an upper bound);
 * 7. every reversal (docs/design.md §13) undoes one SUCCESS row that is not itself a reversal, on
 *    the same wallet and of the same amount, no later than itself; and a transfer is reversed on
 *    both legs or on neither. (At most one reversal per row is the unique index
 *    `transactions_reversed_once`.)
 *
 * A row's signed change is `ledger_delta(type, amount, type of the row it reverses)`, the SQL
 * function every reader of the ledger shares: a reversal moves the money back.
 */
export async function verifyLedger(connection: SqlConnection): Promise<LedgerReport> {
  const problems: string[] = [];
  const report = async (check: string, query: string, describe: (row: ProblemRow) => string) => {
    const rows = await rowsOf(
      connection,
      dynamicSql<ProblemRow>(`${query} LIMIT ${SHOWN_PER_CHECK + 1}`),
      [],
    );
    problems.push(...rows.slice(0, SHOWN_PER_CHECK).map((row) => `${check}: ${describe(row)}`));
    if (rows.length > SHOWN_PER_CHECK) problems.push(`${check}: … and more`);
  };

  await report(
    'balance differs from its ledger',
    `SELECT w.id, w.balance, coalesce(sum(${DELTA}), 0) AS ledger
     FROM wallets w LEFT JOIN (${ROWS_WITH_ORIGINAL}) ON t.wallet_id = w.id AND t.status = 'SUCCESS'
     GROUP BY w.id HAVING w.balance <> coalesce(sum(${DELTA}), 0)`,
    (row) => `wallet ${String(row.id)} holds ${String(row.balance)}, its rows sum to ${String(row.ledger)}`,
  );
  await report(
    'negative balance',
    `SELECT id, balance FROM wallets WHERE balance < 0`,
    (row) => `wallet ${String(row.id)} holds ${String(row.balance)}`,
  );
  await report(
    'unbalanced transfer',
    `SELECT transfer_id,
       count(*) FILTER (WHERE type = 'transfer_out') AS outs, count(*) FILTER (WHERE type = 'transfer_in') AS ins,
       count(DISTINCT amount) AS amounts, count(DISTINCT wallet_id) AS wallets
     FROM transactions WHERE status = 'SUCCESS' AND type IN ('transfer_out', 'transfer_in')
     GROUP BY transfer_id
     HAVING transfer_id IS NULL OR count(*) FILTER (WHERE type = 'transfer_out') <> 1
       OR count(*) FILTER (WHERE type = 'transfer_in') <> 1 OR count(DISTINCT amount) <> 1 OR count(DISTINCT wallet_id) <> 2`,
    (row) =>
      `transfer ${String(row.transfer_id)}: ${String(row.outs)} out, ${String(row.ins)} in, ` +
      `${String(row.amounts)} amounts, ${String(row.wallets)} wallets`,
  );
  await report(
    'balance_after out of sequence',
    `SELECT id, wallet_id, balance_after, running FROM (
       SELECT t.id, t.wallet_id, t.balance_after,
         coalesce(sum(${DELTA}) FILTER (WHERE t.status = 'SUCCESS') OVER (PARTITION BY t.wallet_id ORDER BY t.seq), 0)
           AS running
       FROM ${ROWS_WITH_ORIGINAL}) t
     WHERE balance_after <> running`,
    (row) =>
      `row ${String(row.id)} says ${String(row.balance_after)}, the ledger before it gives ${String(row.running)}`,
  );

  await report(
    'daily usage counter below the ledger',
    `SELECT w.id, w.withdrawn_today, w.transferred_today,
       coalesce(sum(t.amount) FILTER (WHERE t.type = 'withdraw'), 0) AS withdrawn,
       coalesce(sum(t.amount) FILTER (WHERE t.type = 'transfer_out'), 0) AS transferred
     FROM wallets w LEFT JOIN transactions t ON t.wallet_id = w.id AND t.status = 'SUCCESS'
       AND t.type IN ('withdraw', 'transfer_out') AND t.created_at >= w.usage_since
     WHERE w.usage_since IS NOT NULL
     GROUP BY w.id
     HAVING w.withdrawn_today < coalesce(sum(t.amount) FILTER (WHERE t.type = 'withdraw'), 0)
         OR w.transferred_today < coalesce(sum(t.amount) FILTER (WHERE t.type = 'transfer_out'), 0)`,
    (row) =>
      `wallet ${String(row.id)} counts ${String(row.withdrawn_today)} withdrawn and ${String(row.transferred_today)} ` +
      `transferred today, its rows ${String(row.withdrawn)} and ${String(row.transferred)}`,
  );

  await report(
    'reversal that does not undo one row',
    `SELECT t.id, t.reverses_id FROM ${ROWS_WITH_ORIGINAL}
     WHERE t.type = 'reversal' AND (o.id IS NULL OR o.status <> 'SUCCESS' OR o.type = 'reversal'
       OR o.wallet_id <> t.wallet_id OR o.amount <> t.amount OR o.seq > t.seq)`,
    (row) => `reversal ${String(row.id)} names ${String(row.reverses_id)}`,
  );
  await report(
    'transfer reversed on one leg only',
    `SELECT t.transfer_id, count(*) AS legs, count(r.id) AS reversed
     FROM transactions t LEFT JOIN transactions r ON r.reverses_id = t.id
     WHERE t.status = 'SUCCESS' AND t.type IN ('transfer_out', 'transfer_in')
       AND t.transfer_id IN (SELECT x.transfer_id FROM transactions x JOIN transactions rx ON rx.reverses_id = x.id)
     GROUP BY t.transfer_id HAVING count(r.id) <> count(*)`,
    (row) =>
      `transfer ${String(row.transfer_id)}: ${String(row.reversed)} of ${String(row.legs)} legs reversed`,
  );

  const [totals] = await rowsOf(connection, TOTALS, []);
  const summary = {
    wallets: Number(totals.wallets),
    transactions: Number(totals.transactions),
    totalBalance: Number(totals.totalBalance),
    totalDeposits: Number(totals.totalDeposits),
    totalWithdrawals: Number(totals.totalWithdrawals),
  };
  if (summary.totalBalance !== summary.totalDeposits - summary.totalWithdrawals) {
    problems.push(
      `system total: balances sum to ${summary.totalBalance}, deposits − withdrawals is ` +
        `${summary.totalDeposits - summary.totalWithdrawals}`,
    );
  }
  return { ...summary, problems };
}
