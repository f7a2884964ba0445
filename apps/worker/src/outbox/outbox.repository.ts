import { Injectable } from '@nestjs/common';
import { JobName, type JobPayloads } from '@wallet/shared';
import { DataSource } from 'typeorm';

/** An outbox row not yet handed to BullMQ. */
export interface PendingOutboxRow<K extends JobName = JobName> {
  id: number;
  kind: K;
  payload: JobPayloads[K];
}

// A row whose kind this worker does not know (written by a newer API during a rolling deploy)
// stays pending for a worker that does know it, instead of being dropped or failing every batch.
const KNOWN_KINDS: string[] = Object.values(JobName);

/** The worker's access to the `outbox` table (DESIGN §6); the API writes it, the relay drains it. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` pending rows, oldest first, passes them to `enqueue` and stamps them
   * queued, all in one transaction. When `enqueue` throws (Redis down) the transaction rolls back
   * and the rows stay pending; when the commit fails after `enqueue` succeeded, the next pass adds
   * the same rows under the same job ids, which BullMQ ignores. `SKIP LOCKED` lets several
   * workers relay side by side, each taking rows the others have not claimed.
   *
   * @returns how many rows were relayed
   */
  async relayPending(limit: number, enqueue: (rows: PendingOutboxRow[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: PendingOutboxRow[] = await manager.query(
        `SELECT id, kind, payload FROM outbox
          WHERE queued_at IS NULL AND kind = ANY($2::text[])
          ORDER BY id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [limit, KNOWN_KINDS],
      );
      if (rows.length === 0) return 0;
      await enqueue(rows);
      await manager.query(`UPDATE outbox SET queued_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }
}
