import { Injectable } from '@nestjs/common';
import { Database, dynamicSql, type PageRequest, type RowsPage, sql } from '@wallet/database';
import { Cents, MoneyRuleCode, TransactionStatus, TransactionType } from '@wallet/shared';

export interface TransactionRow {
  id: string;
  walletId: string;
  type: TransactionType;
  amount: Cents;
  status: TransactionStatus;
  failureReason: MoneyRuleCode | null;
  balanceAfter: Cents;
  counterpartyUserId: string | null;
  counterpartyName: string | null;
  transferId: string | null;
  memo: string | null;
  reversesId: string | null;
  /** The reversal row that undoes this one, found through `transactions_reversed_once`. */
  reversedById: string | null;
  createdAt: Date;
}

/** A statement's row: with its signed change (a debit is negative) and its place in the ledger. */
export interface StatementRow extends TransactionRow {
  delta: Cents;
  seq: number;
  /** `created_at` as Postgres writes it, to the microsecond, for the next chunk's key. */
  cursorAt: string;
}

/** Where a statement has read to: the next chunk starts after this ledger position. */
export interface StatementCursor {
  at: string;
  seq: number;
}

/** docs/design.md §13: every filter is optional; `from`/`to` are the half-open range [from, to). */
export interface HistoryFilter {
  type?: TransactionType;
  status?: TransactionStatus;
  from?: Date;
  to?: Date;
  minAmount?: Cents;
  maxAmount?: Cents;
}

const SELECT_ROW = `
  t.id, t.wallet_id AS "walletId", t.type, t.amount, t.status, t.failure_reason AS "failureReason",
  t.balance_after AS "balanceAfter", t.counterparty_user_id AS "counterpartyUserId",
  t.transfer_id AS "transferId", t.memo, t.reverses_id AS "reversesId", t.created_at AS "createdAt",
  c.name AS "counterpartyName", r.id AS "reversedById"`;
// A row's counterparty and its reversal (at most one, by the unique partial index on reverses_id).
const JOIN_ROW = `
  LEFT JOIN users c ON c.id = t.counterparty_user_id
  LEFT JOIN transactions r ON r.reverses_id = t.id`;

/**
 * The balance just after the last SUCCESS row strictly before `$2`, or 0 (docs/design.md §13): one
 * backward step of transactions_by_wallet (wallet_id, created_at, seq), in history's order (ties
 * on created_at by seq), never a sum. Every SUCCESS row carries the balance it left.
 */
const BALANCE_BEFORE = sql<{ balance: Cents }, [string, Date]>(
  'balance_before',
  `SELECT coalesce((
     SELECT balance_after FROM transactions
     WHERE wallet_id = $1 AND created_at < $2 AND status = 'SUCCESS'
     ORDER BY created_at DESC, seq DESC
     LIMIT 1), 0) AS balance`,
);

/**
 * One chunk of a statement, oldest first, after the cursor and before `$3` (docs/design.md §13):
 * keyset paging along transactions_by_wallet, so each chunk is an index range read however far
 * into the year it is.
 */
const STATEMENT_CHUNK = sql<StatementRow, [string, string, number, Date, number]>(
  'statement_chunk',
  `SELECT ${SELECT_ROW}, ledger_delta(t.type, t.amount, o.type) AS delta, t.seq,
          t.created_at::text AS "cursorAt"
   FROM transactions t ${JOIN_ROW}
   LEFT JOIN transactions o ON o.id = t.reverses_id
   WHERE t.wallet_id = $1 AND (t.created_at, t.seq) > ($2::timestamptz, $3::bigint) AND t.created_at < $4
   ORDER BY t.created_at, t.seq
   LIMIT $5`,
);

type HistoryParams = [
  walletId: string,
  type: TransactionType | null,
  status: TransactionStatus | null,
  from: Date | null,
  to: Date | null,
  minAmount: Cents | null,
  maxAmount: Cents | null,
];

// Planned with the values bound (unnamed), so an absent filter folds away and a time range becomes
// a range of transactions_by_wallet (the wallet and created_at are its leading columns); type,
// status and amount filter the rows it yields.
const HISTORY_MATCHES = `t.wallet_id = $1
  AND ($2::text IS NULL OR t.type = $2) AND ($3::text IS NULL OR t.status = $3)
  AND ($4::timestamptz IS NULL OR t.created_at >= $4) AND ($5::timestamptz IS NULL OR t.created_at < $5)
  AND ($6::bigint IS NULL OR t.amount >= $6) AND ($7::bigint IS NULL OR t.amount <= $7)`;
const HISTORY = {
  items: dynamicSql<TransactionRow, [...HistoryParams, limit: number, offset: number]>(
    `SELECT ${SELECT_ROW} FROM transactions t ${JOIN_ROW}
     WHERE ${HISTORY_MATCHES}
     ORDER BY t.created_at DESC, t.seq DESC
     LIMIT $8 OFFSET $9`,
  ),
  count: dynamicSql<{ total: number }, HistoryParams>(
    `SELECT count(*)::int AS total FROM transactions t WHERE ${HISTORY_MATCHES}`,
  ),
};

/** Reads of the ledger (docs/design.md §2); rows are only ever inserted, by the money moves' functions. */
@Injectable()
export class TransactionsRepository {
  constructor(private readonly database: Database) {}

  /** Newest first, ties in ledger order, with the counterparty's name (docs/design.md §5, §13). */
  page(walletId: string, filter: HistoryFilter, request: PageRequest): Promise<RowsPage<TransactionRow>> {
    return this.database.page(
      HISTORY,
      [
        walletId,
        filter.type ?? null,
        filter.status ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.minAmount ?? null,
        filter.maxAmount ?? null,
      ],
      request,
    );
  }

  /** The wallet's balance just before `instant` (docs/design.md §13). */
  async balanceBefore(walletId: string, instant: Date): Promise<Cents> {
    const [row] = await this.database.rows(BALANCE_BEFORE, [walletId, instant]);
    return row.balance;
  }

  /** Up to `limit` rows after `cursor` and before `to`, oldest first. */
  statementChunk(
    walletId: string,
    cursor: StatementCursor,
    to: Date,
    limit: number,
  ): Promise<StatementRow[]> {
    return this.database.rows(STATEMENT_CHUNK, [walletId, cursor.at, cursor.seq, to, limit]);
  }
}
