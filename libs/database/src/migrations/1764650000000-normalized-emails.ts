import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emails are stored in one form (docs/design.md §4): Unicode NFC and lower case, the form the API
 * normalizes every address to before comparing. An address stored before in another form is
 * rewritten; should two accounts then collide, the unique index stops the migration, naming it,
 * for an operator to settle which account keeps the address.
 */
export class NormalizedEmails1764650000000 implements MigrationInterface {
  name = 'NormalizedEmails1764650000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE users SET email = normalize(email, NFC) WHERE email <> normalize(email, NFC)`);
    await db.query(
      `ALTER TABLE users ADD CONSTRAINT users_email_normalized CHECK (email = normalize(email, NFC))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_email_normalized`);
  }
}
