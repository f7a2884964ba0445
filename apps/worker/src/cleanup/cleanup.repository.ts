import { Injectable } from '@nestjs/common';
import { Database, sql, UnitOfWork } from '@wallet/database';
import { OutboxRepository } from '@wallet/messaging';

/** What one cleanup removed. */
export interface CleanupResult {
  idempotencyKeys: number;
  outboxRows: number;
  sentEmails: number;
}

/** Names the advisory lock a cleanup batch holds; `hashtext` turns it into the lock's key. */
export const CLEANUP_LOCK = 'wallet-worker-cleanup';

// Small batches, each its own short transaction: no long transaction, no long lock, well inside
// the 15 s statement timeout however much has piled up.
const BATCH_SIZE = 5_000;

const TRY_LOCK = sql<{ locked: boolean }, [lock: string]>(
  'cleanup_try_lock',
  `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
);

const DELETE_IDEMPOTENCY_KEYS = sql<never, [olderThan: string, limit: number]>(
  'cleanup_idempotency_keys',
  `DELETE FROM idempotency_keys WHERE (user_id, key) IN (
     SELECT user_id, key FROM idempotency_keys WHERE created_at < now() - $1::interval LIMIT $2)`,
);

// Only sent emails: pending and abandoned ones stay until delivered or dealt with (§6).
const DELETE_SENT_EMAILS = sql<never, [olderThan: string, limit: number]>(
  'cleanup_sent_emails',
  `DELETE FROM email_deliveries WHERE id IN (
     SELECT id FROM email_deliveries WHERE status = 'sent' AND sent_at < now() - $1::interval LIMIT $2)`,
);

/** Another worker holds the cleanup lock. */
class LockHeld extends Error {}

/**
 * Deletes rows kept only for a while: idempotency keys (docs/design.md §3.8), relayed outbox rows and
 * sent emails' delivery rows (§6).
 */
@Injectable()
export class CleanupRepository {
  constructor(
    private readonly database: Database,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Deletes in batches, each a transaction holding the cleanup's advisory lock, so that of several
   * workers only one cleans at a time; the others skip this round. A transaction's lock goes with
   * it, so a worker that dies can never leave it behind.
   *
   * @returns what was deleted, or `null` when another worker held the lock from the start
   */
  async deleteExpired(retention: {
    idempotencyKeys: string;
    queuedOutboxRows: string;
    sentEmails: string;
  }): Promise<CleanupResult | null> {
    const result: CleanupResult = { idempotencyKeys: 0, outboxRows: 0, sentEmails: 0 };
    const steps: [keyof CleanupResult, (limit: number) => Promise<number>][] = [
      [
        'idempotencyKeys',
        (limit) => this.database.rowCount(DELETE_IDEMPOTENCY_KEYS, [retention.idempotencyKeys, limit]),
      ],
      ['outboxRows', (limit) => this.outbox.deleteRelayed(retention.queuedOutboxRows, limit)],
      ['sentEmails', (limit) => this.database.rowCount(DELETE_SENT_EMAILS, [retention.sentEmails, limit])],
    ];
    let batches = 0;
    try {
      for (const [counted, deleteBatch] of steps) {
        for (;;) {
          const deleted = await this.lockedBatch(() => deleteBatch(BATCH_SIZE));
          batches++;
          result[counted] += deleted;
          if (deleted < BATCH_SIZE) break;
        }
      }
    } catch (error) {
      if (!(error instanceof LockHeld)) throw error;
      // Another worker took over mid-way: it finishes the round.
      if (batches === 0) return null;
    }
    return result;
  }

  private lockedBatch(work: () => Promise<number>): Promise<number> {
    return this.unitOfWork.run(async () => {
      const lock = await this.database.first(TRY_LOCK, [CLEANUP_LOCK]);
      if (!lock?.locked) throw new LockHeld();
      return work();
    });
  }
}
