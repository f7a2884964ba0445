import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Cents, Role, UserStatus } from '@wallet/shared';

/** A wallet row locked `FOR UPDATE` for the rest of the transaction, with its owner. */
export interface LockedWallet {
  id: string;
  userId: string;
  balance: Cents;
  frozen: boolean;
  ownerName: string;
  ownerEmail: string;
  ownerStatus: UserStatus;
}

export interface WalletView {
  id: string;
  balance: Cents;
  currency: 'USD';
  frozen: boolean;
  frozenReason: string | null;
  withdrawnToday: Cents;
  transferredToday: Cents;
  resetsAt: Date;
}

const LOCKED_COLUMNS = `
  w.id, w.user_id AS "userId", w.balance, w.frozen,
  u.name AS "ownerName", u.email AS "ownerEmail", u.status AS "ownerStatus"`;

/** The only database access for wallet rows; every method runs in the caller's transaction. */
@Injectable()
export class WalletsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Locks the wallet of a user (docs/design.md §2). Undefined for an admin or an unknown user. */
  async lockByUserId(userId: string): Promise<LockedWallet | undefined> {
    const [wallet] = await this.txHost.tx.query<LockedWallet[]>(
      `SELECT ${LOCKED_COLUMNS}
       FROM wallets w JOIN users u ON u.id = w.user_id
       WHERE w.user_id = $1 AND u.role = '${Role.USER}'
       FOR UPDATE OF w`,
      [userId],
    );
    return wallet;
  }

  /** Moves the wallet's version too: cached views of it are no longer served (docs/design.md §7). */
  async setFrozen(walletId: string, frozen: boolean, reason: string | null): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE wallets SET frozen = $2, frozen_reason = $3, version = version + 1, updated_at = now() WHERE id = $1`,
      [walletId, frozen, reason],
    );
  }

  async idOfUser(userId: string): Promise<string | undefined> {
    const [wallet] = await this.txHost.tx.query<{ id: string }[]>(
      `SELECT id FROM wallets WHERE user_id = $1`,
      [userId],
    );
    return wallet?.id;
  }

  /**
   * The wallet with today's SUCCESS withdrawals and transfers out, for GET /wallet: the sums of the
   * day's rows (exact, where the money moves' counters are an upper bound), read per wallet through
   * transactions_by_wallet.
   */
  async view(userId: string, timezone: string): Promise<WalletView | undefined> {
    const [view] = await this.txHost.tx.query<WalletView[]>(
      `SELECT w.id, w.balance, w.currency, w.frozen, w.frozen_reason AS "frozenReason",
         used.withdrawn AS "withdrawnToday", used.transferred AS "transferredToday",
         (date_trunc('day', now() AT TIME ZONE $2) + interval '1 day') AT TIME ZONE $2 AS "resetsAt"
       FROM wallets w CROSS JOIN LATERAL (
         SELECT coalesce(sum(t.amount) FILTER (WHERE t.type = 'withdraw'), 0)::bigint AS withdrawn,
                coalesce(sum(t.amount) FILTER (WHERE t.type = 'transfer_out'), 0)::bigint AS transferred
         FROM transactions t
         WHERE t.wallet_id = w.id AND t.status = 'SUCCESS' AND t.type IN ('withdraw', 'transfer_out')
           AND t.created_at >= start_of_day($2, now())) used
       WHERE w.user_id = $1`,
      [userId, timezone],
    );
    return view;
  }
}
