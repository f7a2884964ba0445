import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UsersWalletsSessions1764200000000 implements MigrationInterface {
  name = 'UsersWalletsSessions1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        email         text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        role          text NOT NULL CHECK (role IN ('user', 'admin')),
        status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE wallets (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id       uuid NOT NULL UNIQUE REFERENCES users (id),
        balance       bigint NOT NULL DEFAULT 0 CONSTRAINT wallets_balance_non_negative CHECK (balance >= 0),
        currency      char(3) NOT NULL DEFAULT 'USD',
        frozen        boolean NOT NULL DEFAULT false,
        frozen_reason text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // Touched on every authenticated request: a low fill factor and no index on last_seen_at
    // keep those updates HOT (no index writes).
    await db.query(`
      CREATE TABLE sessions (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id      uuid NOT NULL REFERENCES users (id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL,
        ended_at     timestamptz,
        end_reason   text CHECK (end_reason IN ('logout', 'deactivated'))
      ) WITH (fillfactor = 70)`);
    await db.query(`CREATE INDEX sessions_live_by_user ON sessions (user_id) WHERE ended_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sessions`);
    await db.query(`DROP TABLE wallets`);
    await db.query(`DROP TABLE users`);
  }
}
