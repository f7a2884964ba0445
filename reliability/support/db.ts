import { loadConfig } from '@wallet/config';
import { LedgerReport, runMigrations, verifyLedger } from '@wallet/database';
import { spawn } from 'node:child_process';
import { Pool } from 'pg';
import { REPO_ROOT, runSettings } from './settings';

let pool: Pool | undefined;
let databaseUrl: string | undefined;

/** A direct connection to the scenario's database, outside the API, for snapshots and checks. */
export function db(): Pool {
  pool ??= new Pool({
    connectionString: databaseUrl ?? runSettings().databaseUrl,
    max: 4,
    application_name: 'wallet-reliability',
  });
  return pool;
}

/**
 * A database of the scenario's own, migrated, which `db()` then points at; the run's teardown
 * drops it. For scenarios with a worker: a worker relays every pending outbox row of its
 * database, and the other scenarios leave tens of thousands behind.
 */
export async function useOwnDatabase(label: string): Promise<string> {
  const url = new URL(runSettings().databaseUrl);
  url.pathname = `${url.pathname}_${label}`;
  await runMigrations(loadConfig({ DATABASE_URL: url.toString() }));
  await closeDb();
  databaseUrl = url.toString();
  return databaseUrl;
}

export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

/** docs/design.md §2's invariants, checked in-process with the same code `ledger:verify` runs. */
export function ledgerReport(): Promise<LedgerReport> {
  return verifyLedger(db());
}

/** `npm run ledger:verify` against the run's database: its exit code and what it printed. */
export function runLedgerVerify(): Promise<{ code: number | null; output: string }> {
  const url = databaseUrl ?? runSettings().databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'ledger:verify'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output: output.trim() }));
  });
}

/** Balances of the given users' wallets, by user id. */
export async function balancesOf(userIds: string[]): Promise<Map<string, number>> {
  const { rows } = await db().query<{ user_id: string; balance: string }>(
    'SELECT user_id, balance FROM wallets WHERE user_id = ANY($1)',
    [userIds],
  );
  return new Map(rows.map((row) => [row.user_id, Number(row.balance)]));
}

export interface ExactlyOnce {
  /**
   * Money moves: every row but a transfer_in (the other leg of a transfer_out), and the two rows
   * of a transfer's reversal as one (docs/design.md §13: its answer names the leg asked for).
   */
  moves: number;
  /** Of those, rows not named by exactly one stored idempotency answer. */
  notNamedOnce: number;
  /** A few of them, to look into. */
  examples: string[];
}

/**
 * docs/design.md §3: every money move runs under an Idempotency-Key and its stored answer names its row
 * (`id` on success, `transactionId` on a recorded refusal). A row named by no key ran outside
 * the key's claim, e.g. a second time for a key whose first answer was lost.
 */
export async function exactlyOnce(walletIds: string[]): Promise<ExactlyOnce> {
  const { rows } = await db().query<{ id: string; named: string }>(
    `WITH named AS (
       SELECT coalesce(response_body->>'id', response_body->>'transactionId') AS tx, count(*) AS n
       FROM idempotency_keys GROUP BY 1
     ), moves AS (
       SELECT t.id, CASE WHEN t.type = 'reversal' AND o.transfer_id IS NOT NULL
                         THEN 'reversal of ' || o.transfer_id ELSE t.id::text END AS move
       FROM transactions t LEFT JOIN transactions o ON o.id = t.reverses_id
       WHERE t.wallet_id = ANY($1) AND t.type <> 'transfer_in'
     )
     SELECT min(moves.move) AS id, coalesce(sum(named.n), 0) AS named
     FROM moves LEFT JOIN named ON named.tx = moves.id::text
     GROUP BY moves.move`,
    [walletIds],
  );
  const bad = rows.filter((row) => Number(row.named) !== 1);
  return {
    moves: rows.length,
    notNamedOnce: bad.length,
    examples: bad.slice(0, 5).map((row) => `${row.id} named ${row.named}×`),
  };
}

/** The wallet ids of some users. */
export async function walletIdsOf(userIds: string[]): Promise<string[]> {
  const { rows } = await db().query<{ id: string }>('SELECT id FROM wallets WHERE user_id = ANY($1)', [
    userIds,
  ]);
  return rows.map((row) => row.id);
}
