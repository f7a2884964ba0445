import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LedgerAndIdempotency1764300000000 implements MigrationInterface {
  name = 'LedgerAndIdempotency1764300000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per wallet per money move (docs/design.md §2); a transfer writes two sharing transfer_id.
    // `seq` orders history; FAILED rows keep the reason and the unchanged balance.
    await db.query(`
      CREATE TABLE transactions (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq                  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        wallet_id            uuid NOT NULL REFERENCES wallets (id),
        type                 text NOT NULL CHECK (type IN ('deposit', 'withdraw', 'transfer_out', 'transfer_in')),
        amount               bigint NOT NULL CHECK (amount > 0),
        status               text NOT NULL CHECK (status IN ('SUCCESS', 'FAILED')),
        failure_reason       text,
        balance_after        bigint NOT NULL CHECK (balance_after >= 0),
        counterparty_user_id uuid REFERENCES users (id),
        transfer_id          uuid,
        created_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT transactions_failed_has_reason CHECK ((status = 'FAILED') = (failure_reason IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX transactions_history ON transactions (wallet_id, seq DESC)`);
    // Today's SUCCESS withdrawals and transfers out, summed under the wallet lock (daily limits).
    await db.query(`
      CREATE INDEX transactions_daily_usage ON transactions (wallet_id, type, created_at)
        INCLUDE (amount) WHERE status = 'SUCCESS' AND type IN ('withdraw', 'transfer_out')`);

    // docs/design.md §3: claimed in the money move's own transaction, so a rollback leaves no claim.
    await db.query(`
      CREATE TABLE idempotency_keys (
        user_id         uuid NOT NULL REFERENCES users (id),
        key             text NOT NULL,
        fingerprint     text NOT NULL,
        response_status smallint,
        response_body   jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
    await db.query(`DROP TABLE transactions`);
  }
}
