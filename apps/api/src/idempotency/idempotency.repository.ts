import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';

export interface IdempotencyScope {
  userId: string;
  key: string;
  fingerprint: string;
}

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** 'claimed': this transaction owns the key; 'busy': another one is running with it; 'taken': finished earlier. */
export type ClaimResult = 'claimed' | 'busy' | 'taken';

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * DESIGN §3.4–3.5 in one statement. A transaction-scoped advisory lock on (user, key) tells a
   * request still in flight (409) from a finished one without waiting for it; the insert claims
   * the key in this transaction, so a rollback leaves no claim. ON CONFLICT sees committed rows
   * whatever the snapshot, so a finished request is never run again.
   */
  async claim(scope: IdempotencyScope): Promise<ClaimResult> {
    const [row] = await this.txHost.tx.query<{ acquired: boolean; claimed: boolean }[]>(
      `WITH lock AS (
         SELECT pg_try_advisory_xact_lock(hashtextextended($1::text || '/' || $2, 0)) AS acquired
       ), claim AS (
         INSERT INTO idempotency_keys (user_id, key, fingerprint)
         SELECT $1::uuid, $2, $3 FROM lock WHERE acquired
         ON CONFLICT DO NOTHING
         RETURNING 1
       )
       SELECT acquired, EXISTS (SELECT 1 FROM claim) AS claimed FROM lock`,
      [scope.userId, scope.key, scope.fingerprint],
    );
    if (!row.acquired) return 'busy';
    return row.claimed ? 'claimed' : 'taken';
  }

  async find(scope: Pick<IdempotencyScope, 'userId' | 'key'>): Promise<StoredResponse> {
    const [row] = await this.txHost.tx.query<StoredResponse[]>(
      `SELECT fingerprint, response_status AS status, response_body AS body
       FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [scope.userId, scope.key],
    );
    return row;
  }

  async complete(scope: IdempotencyScope, status: number, body: unknown): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE user_id = $1 AND key = $2`,
      [scope.userId, scope.key, status, JSON.stringify(body)],
    );
  }
}
