import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each email's delivery state (docs/design.md §6), kept in Postgres where nothing evicts it: BullMQ gives
 * up on a job and deletes old failed ones, but an email stays `pending` here, retried with capped
 * backoff, until the SMTP server accepts it (`sent`) or an admin gives up on it (`abandoned`).
 * The relay writes the row in the transaction that enqueues the email; its id is the job id.
 */
export class EmailDeliveries1764700000000 implements MigrationInterface {
  name = 'EmailDeliveries1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE email_deliveries (
        id              text PRIMARY KEY,
        kind            text NOT NULL,
        payload         jsonb NOT NULL,
        recipient       text NOT NULL,
        status          text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'sent', 'abandoned')),
        attempts        integer NOT NULL DEFAULT 0,
        last_error      text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        created_at      timestamptz NOT NULL DEFAULT now(),
        sent_at         timestamptz,
        abandoned_at    timestamptz
      )`);
    // The worker's re-enqueue pass and the admin list read only undelivered rows.
    await db.query(
      `CREATE INDEX email_deliveries_due ON email_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await db.query(
      `CREATE INDEX email_deliveries_undelivered ON email_deliveries (created_at) WHERE status <> 'sent'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE email_deliveries`);
  }
}
