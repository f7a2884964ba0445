import { loadConfig } from '@wallet/config';
import { runMigrations } from '@wallet/database';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * `npm run ledger:verify` (docs/design.md §2) against a database of its own, so the deliberately broken
 * ledger cannot disturb the other tests. Runs the compiled command, as an operator would.
 */
describe('npm run ledger:verify', () => {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `${url.pathname}_ledger`;
  let db: Client;

  const verify = () =>
    spawnSync(
      process.execPath,
      [join(__dirname, '../../../scripts/dist-run.mts'), 'api', 'cli/ledger-verify'],
      {
        env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'error' },
        encoding: 'utf8',
      },
    );

  beforeAll(async () => {
    await runMigrations(loadConfig({ DATABASE_URL: url.toString() }));
    db = new Client({ connectionString: url.toString() });
    await db.connect();
    const { rows } = await db.query<{ id: string }>(
      `WITH u AS (
         INSERT INTO users (name, email, password_hash, role) VALUES ('Ledger Test', 'ledger@example.com', 'x', 'user')
         RETURNING id)
       INSERT INTO wallets (user_id, balance) SELECT id, 2500 FROM u RETURNING id`,
    );
    await db.query(
      `INSERT INTO transactions (wallet_id, type, amount, status, balance_after) VALUES ($1, 'deposit', 2500, 'SUCCESS', 2500)`,
      [rows[0].id],
    );
  });

  afterAll(async () => {
    await db.end();
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  });

  it('exits 0 when every invariant holds', () => {
    const result = verify();
    expect(result.stdout).toContain('Ledger OK');
    expect(result.status).toBe(0);
  });

  it('exits 1 and names the wallet when a balance differs from its ledger', async () => {
    await db.query(`UPDATE wallets SET balance = balance + 1`);
    const result = verify();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /balance differs from its ledger: wallet .* holds 2501, its rows sum to 2500/,
    );
    expect(result.stderr).toContain('system total: balances sum to 2501, deposits − withdrawals is 2500');
  });

  it('holds with a reversal that moves the money back, and names one that undoes nothing it may', async () => {
    await db.query(`UPDATE wallets SET balance = 2500`);
    const [{ wallet, deposit }] = (
      await db.query<{ wallet: string; deposit: string }>(
        `SELECT wallet_id AS wallet, id AS deposit FROM transactions WHERE type = 'deposit'`,
      )
    ).rows;
    // docs/design.md §13: the deposit reversed, the balance back to 0.
    await db.query(
      `INSERT INTO transactions (wallet_id, type, amount, status, balance_after, reverses_id, memo)
       VALUES ($1, 'reversal', 2500, 'SUCCESS', 0, $2, 'Typed twice')`,
      [wallet, deposit],
    );
    await db.query(`UPDATE wallets SET balance = 0`);
    const holding = verify();
    expect(holding.stdout).toContain('Ledger OK');
    expect(holding.status).toBe(0);

    // A reversal of another amount than its original's breaks the ledger, and says which.
    await db.query(`UPDATE transactions SET amount = 2000, balance_after = 500 WHERE type = 'reversal'`);
    await db.query(`UPDATE wallets SET balance = 500`);
    const broken = verify();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/reversal that does not undo one row: reversal .* names /);
  });
});
