import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (docs/design.md §14): the endpoints admins register, and one delivery row per event and
 * endpoint. The relay writes the delivery rows in the transaction that relays the event's outbox
 * row, so a committed event always reaches every endpoint subscribed at that moment; the worker
 * records each attempt on the row. `(endpoint_id, event_id)` is unique, so relaying an event again
 * cannot deliver it twice under two ids.
 */
export class Webhooks1764860000000 implements MigrationInterface {
  name = 'Webhooks1764860000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_endpoints (
        id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url                        text NOT NULL CHECK (length(url) <= 2048),
        events                     text[] NOT NULL CHECK (cardinality(events) > 0),
        description                text,
        enabled                    boolean NOT NULL DEFAULT true,
        secret                     text NOT NULL,
        previous_secret            text,
        previous_secret_expires_at timestamptz,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_endpoints_previous_secret_expires
          CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
      )`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id     uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id        uuid NOT NULL,
        event_type      text NOT NULL,
        payload         jsonb NOT NULL,
        attempt         integer NOT NULL DEFAULT 0,
        status          text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'succeeded', 'failed')),
        response_status integer,
        error           text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_once_per_endpoint UNIQUE (endpoint_id, event_id)
      )`);
    // The admin list: an endpoint's deliveries, newest first.
    await db.query(
      `CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id)`,
    );
    // The worker's re-enqueue pass reads only pending rows that are due.
    await db.query(
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    // The worker's cleanup deletes delivered ones after a while, oldest first.
    await db.query(
      `CREATE INDEX webhook_deliveries_succeeded ON webhook_deliveries (created_at) WHERE status = 'succeeded'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_deliveries`);
    await db.query(`DROP TABLE webhook_endpoints`);
  }
}
