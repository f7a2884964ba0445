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

/** Start of the current calendar day in the limits time zone (`$tz`), as a timestamptz. */
export const START_OF_TODAY = (tz: string) =>
  `(date_trunc('day', now() AT TIME ZONE ${tz}) AT TIME ZONE ${tz})`;

const LOCKED_COLUMNS = `
  w.id, w.user_id AS "userId", w.balance, w.frozen,
  u.name AS "ownerName", u.email AS "ownerEmail", u.status AS "ownerStatus"`;

/** The only database access for wallet rows; every method runs in the caller's transaction. */
@Injectable()
export class WalletsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Locks the wallet of a user (DESIGN §2). Undefined for an admin or an unknown user. */
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

  /**
   * Locks the sender's wallet and the recipient's (looked up by email) in one statement, in
   * ascending id order so two opposite transfers cannot deadlock (DESIGN §2).
   *
   * The recipient is found by a scalar subquery, run once before any row is locked. Found through
   * `IN (… UNION ALL …)` instead, Postgres dropped it from the result whenever the statement had to
   * wait for its lock (after the wait only the locked row is re-checked, and the semi-join's
   * re-check failed): under contention, valid transfers were refused as RECIPIENT_NOT_FOUND. The
   * benchmark's hot-wallet scenario found it.
   */
  async lockForTransfer(
    senderUserId: string,
    recipientEmail: string,
  ): Promise<{ sender?: LockedWallet; recipient?: LockedWallet }> {
    const wallets = await this.txHost.tx.query<LockedWallet[]>(
      `SELECT ${LOCKED_COLUMNS}
       FROM wallets w JOIN users u ON u.id = w.user_id
       WHERE w.user_id = $1 OR w.user_id = (SELECT id FROM users WHERE email = $2 AND role = '${Role.USER}')
       ORDER BY w.id
       FOR UPDATE OF w`,
      [senderUserId, recipientEmail],
    );
    return {
      sender: wallets.find((wallet) => wallet.userId === senderUserId),
      recipient: wallets.find((wallet) => wallet.ownerEmail === recipientEmail),
    };
  }

  async setFrozen(walletId: string, frozen: boolean, reason: string | null): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE wallets SET frozen = $2, frozen_reason = $3, updated_at = now() WHERE id = $1`,
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

  /** The wallet with today's SUCCESS withdrawals and transfers out, for GET /wallet. */
  async view(userId: string, timezone: string): Promise<WalletView | undefined> {
    const [view] = await this.txHost.tx.query<WalletView[]>(
      `SELECT w.id, w.balance, w.currency, w.frozen, w.frozen_reason AS "frozenReason",
         coalesce(sum(t.amount) FILTER (WHERE t.type = 'withdraw'), 0)::bigint AS "withdrawnToday",
         coalesce(sum(t.amount) FILTER (WHERE t.type = 'transfer_out'), 0)::bigint AS "transferredToday",
         (date_trunc('day', now() AT TIME ZONE $2) + interval '1 day') AT TIME ZONE $2 AS "resetsAt"
       FROM wallets w
       LEFT JOIN transactions t ON t.wallet_id = w.id AND t.status = 'SUCCESS'
         AND t.type IN ('withdraw', 'transfer_out') AND t.created_at >= ${START_OF_TODAY('$2')}
       WHERE w.user_id = $1
       GROUP BY w.id`,
      [userId, timezone],
    );
    return view;
  }
}
