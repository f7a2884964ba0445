import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { sql } from '@wallet/database';
import { Cents, MoneyRuleCode, TransactionStatus, TransactionType } from '@wallet/shared';
import { Database } from '../common/transactions/database';

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

/** Reads of the ledger (docs/design.md §2); rows are only ever inserted, by the money moves' functions. */
@Injectable()
export class TransactionsRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly database: Database,
  ) {}

  /**
   * Newest first, with the counterparty's name (docs/design.md §5), through transactions_by_wallet:
   * the wallet and the time range are its leading columns; type, status and amount filter the
   * rows it yields.
   */
  async page(
    walletId: string,
    filter: HistoryFilter,
    page: number,
    limit: number,
  ): Promise<{ items: TransactionRow[]; total: number }> {
    const where = ['t.wallet_id = $1'];
    const params: unknown[] = [walletId];
    if (filter.type) where.push(`t.type = $${params.push(filter.type)}`);
    if (filter.status) where.push(`t.status = $${params.push(filter.status)}`);
    if (filter.from) where.push(`t.created_at >= $${params.push(filter.from)}`);
    if (filter.to) where.push(`t.created_at < $${params.push(filter.to)}`);
    if (filter.minAmount !== undefined) where.push(`t.amount >= $${params.push(filter.minAmount)}`);
    if (filter.maxAmount !== undefined) where.push(`t.amount <= $${params.push(filter.maxAmount)}`);
    const condition = where.join(' AND ');

    const [items, [count]] = await Promise.all([
      this.txHost.tx.query<TransactionRow[]>(
        `SELECT ${SELECT_ROW}
         FROM transactions t ${JOIN_ROW}
         WHERE ${condition}
         ORDER BY t.created_at DESC, t.seq DESC
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, limit, (page - 1) * limit],
      ),
      this.txHost.tx.query<{ total: number }[]>(
        `SELECT count(*) AS total FROM transactions t WHERE ${condition}`,
        params,
      ),
    ]);
    return { items, total: count.total };
  }

  /** The wallet's balance just before `instant` (docs/design.md §13). */
  async balanceBefore(walletId: string, instant: Date): Promise<Cents> {
    const [row] = await this.database.rows(BALANCE_BEFORE, [walletId, instant]);
    return row.balance;
  }

  /** Up to `limit` rows after `cursor` and before `to`, oldest first. */
  statementChunk(walletId: string, cursor: StatementCursor, to: Date, limit: number): Promise<StatementRow[]> {
    return this.database.rows(STATEMENT_CHUNK, [walletId, cursor.at, cursor.seq, to, limit]);
  }
}
