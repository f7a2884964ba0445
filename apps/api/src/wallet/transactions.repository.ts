import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Cents, MoneyRuleCode, TransactionStatus, TransactionType } from '@wallet/shared';

export interface NewTransaction {
  walletId: string;
  type: TransactionType;
  amount: Cents;
  status: TransactionStatus;
  failureReason: MoneyRuleCode | null;
  balanceAfter: Cents;
  counterpartyUserId: string | null;
  transferId: string | null;
}

export interface TransactionRow extends NewTransaction {
  id: string;
  counterpartyName: string | null;
  createdAt: Date;
}

export interface HistoryFilter {
  type?: TransactionType;
  status?: TransactionStatus;
}

const SELECT_ROW = `
  t.id, t.wallet_id AS "walletId", t.type, t.amount, t.status, t.failure_reason AS "failureReason",
  t.balance_after AS "balanceAfter", t.counterparty_user_id AS "counterpartyUserId",
  t.transfer_id AS "transferId", t.created_at AS "createdAt"`;

/** Reads of the ledger (docs/design.md §2); rows are only ever inserted, by the money moves' functions. */
@Injectable()
export class TransactionsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Newest first, with the counterparty's name (docs/design.md §5), through transactions_by_wallet. */
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
    const condition = where.join(' AND ');

    const [items, [count]] = await Promise.all([
      this.txHost.tx.query<TransactionRow[]>(
        `SELECT ${SELECT_ROW}, c.name AS "counterpartyName"
         FROM transactions t LEFT JOIN users c ON c.id = t.counterparty_user_id
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
}
