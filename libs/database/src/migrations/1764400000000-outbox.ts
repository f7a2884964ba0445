import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1764400000000 implements MigrationInterface {
  name = 'Outbox1764400000000';

  async up(db: QueryRunner): Promise<void> {
    // docs/design.md §6: written in the same transaction as the change it announces; the worker's relay
    // enqueues each row once (job id from the row id) and stamps queued_at.
    await db.query(`
      CREATE TABLE outbox (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind       text NOT NULL,
        payload    jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        queued_at  timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_pending ON outbox (id) WHERE queued_at IS NULL`);
    // Wakes the relay as soon as a transaction with new rows commits; it also polls, in case
    // it was not listening at that moment.
    await db.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
        FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox`);
    await db.query(`DROP FUNCTION outbox_notify()`);
  }
}
