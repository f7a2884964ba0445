import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1764500000000 implements MigrationInterface {
  name = 'AuditLog1764500000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per admin action, written in the same transaction as the change (docs/design.md §4, §5).
    await db.query(`
      CREATE TABLE audit_log (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        admin_id       uuid NOT NULL REFERENCES users (id),
        action         text NOT NULL CHECK (action IN ('deposit', 'freeze', 'unfreeze', 'activate', 'deactivate')),
        target_user_id uuid NOT NULL REFERENCES users (id),
        detail         text,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audit_log_by_target ON audit_log (target_user_id, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_log`);
  }
}
