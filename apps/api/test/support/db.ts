import { verifyLedger } from '@wallet/database';
import { Pool } from 'pg';

let pool: Pool | undefined;

/** A direct connection to the run's database, for assertions the API does not expose. */
export function testDb(): Pool {
  pool ??= new Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 3 });
  return pool;
}

export async function closeTestDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

/** DESIGN §2: every money test ends with the ledger invariants holding. */
export async function expectLedgerHolds(): Promise<void> {
  const report = await verifyLedger(async (sql) => (await testDb().query(sql)).rows);
  expect(report.problems).toEqual([]);
}
