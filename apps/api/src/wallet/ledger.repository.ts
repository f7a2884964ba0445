import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { valuesList } from '@wallet/database';
import { Cents, TransactionStatus } from '@wallet/shared';
import { OutboxMessage, outboxInsert } from '../notifications/outbox.repository';
import type { NewTransaction } from './transactions.repository';

/** A ledger row about to be written, its id chosen by the caller so messages can name it. */
export interface LedgerEntry extends NewTransaction {
  id: string;
  /** The signed change to the wallet's balance; applied only when the row is SUCCESS. */
  delta: Cents;
}

const COLUMNS = [
  ['id', 'uuid'],
  ['wallet_id', 'uuid'],
  ['type', null],
  ['amount', 'bigint'],
  ['status', null],
  ['failure_reason', null],
  ['balance_after', 'bigint'],
  ['counterparty_user_id', 'uuid'],
  ['transfer_id', 'uuid'],
] as const;

/**
 * Writes a whole money move in one statement (DESIGN §2): the balance changes of its SUCCESS
 * rows, the ledger rows, and the outbox messages announcing it. The wallets are already locked,
 * so the caller knows every `balanceAfter`; the statement checks them against the updated
 * balances, and a mismatch fails the transaction rather than record a wrong ledger.
 */
@Injectable()
export class LedgerRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Returns each row's `created_at` (the transaction's time), in the order given. */
  async write(entries: LedgerEntry[], messages: OutboxMessage[]): Promise<Date[]> {
    const moved = entries.filter((entry) => entry.status === TransactionStatus.SUCCESS);
    const changes = valuesList(
      moved.map((entry) => [entry.walletId, entry.delta]),
      1,
      ['uuid', 'bigint'],
    );
    const rows = valuesList(
      entries.map((entry) => [
        entry.id,
        entry.walletId,
        entry.type,
        entry.amount,
        entry.status,
        entry.failureReason,
        entry.balanceAfter,
        entry.counterpartyUserId,
        entry.transferId,
      ]),
      changes.params.length + 1,
      COLUMNS.map(([, cast]) => cast),
    );
    const outbox = outboxInsert(messages, changes.params.length + rows.params.length + 1);
    const ctes = [
      moved.length > 0 &&
        `changes (id, delta) AS (VALUES ${changes.sql}),
         updated AS (
           UPDATE wallets w SET balance = w.balance + changes.delta, updated_at = now()
           FROM changes WHERE w.id = changes.id
           RETURNING w.id, w.balance)`,
      `inserted AS (
         INSERT INTO transactions (${COLUMNS.map(([column]) => column).join(', ')}) VALUES ${rows.sql}
         RETURNING id, wallet_id, status, balance_after, created_at)`,
      messages.length > 0 && `queued AS (${outbox.sql} RETURNING 1)`,
    ].filter(Boolean);
    const written = await this.txHost.tx.query<{ id: string; createdAt: Date; consistent: boolean }[]>(
      `WITH ${ctes.join(',\n')}
       SELECT i.id, i.created_at AS "createdAt",
              ${moved.length > 0 ? `(i.status = 'FAILED' OR i.balance_after = u.balance)` : 'true'} AS consistent
       FROM inserted i ${moved.length > 0 ? 'LEFT JOIN updated u ON u.id = i.wallet_id' : ''}`,
      [...changes.params, ...rows.params, ...outbox.params],
    );
    if (written.length !== entries.length || written.some((row) => !row.consistent)) {
      throw new Error('ledger write does not match the locked balances');
    }
    return entries.map((entry) => written.find((row) => row.id === entry.id)!.createdAt);
  }
}
