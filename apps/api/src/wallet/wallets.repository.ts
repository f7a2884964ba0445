import { Injectable } from '@nestjs/common';
import { Database, sql, type UserEntity, type WalletEntity } from '@wallet/database';
import { Cents, Role } from '@wallet/shared';

/** A wallet row locked `FOR UPDATE` for the rest of the transaction, with its owner. */
export type LockedWallet = Pick<WalletEntity, 'id' | 'userId' | 'balance' | 'frozen'> & {
  ownerName: UserEntity['name'];
  ownerEmail: UserEntity['email'];
  ownerStatus: UserEntity['status'];
};

export type WalletView = Pick<WalletEntity, 'id' | 'balance' | 'currency' | 'frozen' | 'frozenReason'> & {
  withdrawnToday: Cents;
  transferredToday: Cents;
  resetsAt: Date;
};

const LOCK_BY_USER = sql<LockedWallet, [userId: string]>(
  'wallet_lock_by_user',
  `SELECT w.id, w.user_id AS "userId", w.balance, w.frozen,
          u.name AS "ownerName", u.email AS "ownerEmail", u.status AS "ownerStatus"
   FROM wallets w JOIN users u ON u.id = w.user_id
   WHERE w.user_id = $1 AND u.role = '${Role.USER}'
   FOR UPDATE OF w`,
);

const SET_FROZEN = sql<never, [walletId: string, frozen: boolean, reason: string | null]>(
  'wallet_set_frozen',
  `UPDATE wallets SET frozen = $2, frozen_reason = $3, version = version + 1, updated_at = now() WHERE id = $1`,
);

const ID_OF_USER = sql<Pick<WalletEntity, 'id'>, [userId: string]>(
  'wallet_id_of_user',
  `SELECT id FROM wallets WHERE user_id = $1`,
);

const VIEW = sql<WalletView, [userId: string, timezone: string]>(
  'wallet_view',
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
);

/** The only database access for wallet rows; every method runs in the caller's unit of work. */
@Injectable()
export class WalletsRepository {
  constructor(private readonly database: Database) {}

  /** Locks the wallet of a user (docs/design.md §2). Undefined for an admin or an unknown user. */
  lockByUserId(userId: string): Promise<LockedWallet | undefined> {
    return this.database.first(LOCK_BY_USER, [userId]);
  }

  /** Moves the wallet's version too: cached views of it are no longer served (docs/design.md §7). */
  async setFrozen(walletId: string, frozen: boolean, reason: string | null): Promise<void> {
    await this.database.rowCount(SET_FROZEN, [walletId, frozen, reason]);
  }

  async idOfUser(userId: string): Promise<string | undefined> {
    return (await this.database.first(ID_OF_USER, [userId]))?.id;
  }

  /**
   * The wallet with today's SUCCESS withdrawals and transfers out, for GET /wallet: the sums of the
   * day's rows (exact, where the money moves' counters are an upper bound), read per wallet through
   * transactions_by_wallet.
   */
  view(userId: string, timezone: string): Promise<WalletView | undefined> {
    return this.database.first(VIEW, [userId, timezone]);
  }
}
