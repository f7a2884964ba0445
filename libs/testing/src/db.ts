import { verifyLedger } from '@wallet/database';
import { Client, Pool } from 'pg';

let pool: Pool | undefined;

/** A direct connection to the run's database, for assertions the API does not expose. */
export function testDb(): Pool {
  if (!pool) {
    pool = new Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 3 });
    // An idle connection ended by the server (a test terminating backends, the run's database
    // dropped) is dropped from the pool; without a listener the pool's 'error' would end the run.
    pool.on('error', () => undefined);
  }
  return pool;
}

export async function closeTestDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

/**
 * docs/design.md §2: every money test ends with the ledger invariants holding, in the run's database or,
 * for a file with a database of its own (the worker's tests), in the one at `databaseUrl`.
 */
export async function expectLedgerHolds(databaseUrl?: string): Promise<void> {
  if (databaseUrl === undefined) {
    const report = await verifyLedger(testDb());
    expect(report.problems).toEqual([]);
    return;
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const report = await verifyLedger(client);
    expect(report.problems).toEqual([]);
  } finally {
    await client.end();
  }
}
