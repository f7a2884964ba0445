import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';

/** What one cleanup removed. */
export interface CleanupResult {
  idempotencyKeys: number;
  outboxRows: number;
  sentEmails: number;
}

/** Names the advisory lock a cleanup holds; `hashtext` turns it into the lock's key. */
export const CLEANUP_LOCK = 'wallet-worker-cleanup';

// Small batches, each its own statement: no long transaction, no long lock, well inside the
// 15 s statement timeout however much has piled up.
const BATCH_SIZE = 5_000;

/**
 * Deletes rows kept only for a while: idempotency keys (docs/design.md §3.8), relayed outbox rows and
 * sent emails' delivery rows (§6).
 */
@Injectable()
export class CleanupRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs the deletions under a session-level advisory lock, so that of several workers only one
   * cleans at a time; the others skip this round. The lock goes with the session if the process
   * dies, so it can never be left behind.
   *
   * @returns what was deleted, or `null` when another worker holds the lock
   */
  async deleteExpired(retention: {
    idempotencyKeys: string;
    queuedOutboxRows: string;
    sentEmails: string;
  }): Promise<CleanupResult | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [
        CLEANUP_LOCK,
      ])) as [{ locked: boolean }];
      if (!locked) return null;
      try {
        const idempotencyKeys = await this.deleteInBatches(
          runner,
          `DELETE FROM idempotency_keys WHERE (user_id, key) IN (
             SELECT user_id, key FROM idempotency_keys WHERE created_at < now() - $1::interval LIMIT $2)`,
          retention.idempotencyKeys,
        );
        // Pending rows (queued_at IS NULL) are never touched, however old.
        const outboxRows = await this.deleteInBatches(
          runner,
          `DELETE FROM outbox WHERE id IN (
             SELECT id FROM outbox WHERE queued_at < now() - $1::interval LIMIT $2)`,
          retention.queuedOutboxRows,
        );
        // Only sent emails: pending and abandoned ones stay until delivered or dealt with (§6).
        const sentEmails = await this.deleteInBatches(
          runner,
          `DELETE FROM email_deliveries WHERE id IN (
             SELECT id FROM email_deliveries WHERE status = 'sent' AND sent_at < now() - $1::interval LIMIT $2)`,
          retention.sentEmails,
        );
        return { idempotencyKeys, outboxRows, sentEmails };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [CLEANUP_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async deleteInBatches(runner: QueryRunner, sql: string, olderThan: string): Promise<number> {
    let total = 0;
    for (;;) {
      const { affected: deleted = 0 } = await runner.query(sql, [olderThan, BATCH_SIZE], true);
      total += deleted;
      if (deleted < BATCH_SIZE) return total;
    }
  }
}
