import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { UnitOfWork } from '@wallet/database';
import { expectLedgerHolds, testDb } from '@wallet/testing/db';
import { balanceOf, deposit, newKey, withdraw } from '@wallet/testing/money';
import { expectProblem } from '@wallet/testing/problems';
import { stopApi, TestApi } from '@wallet/testing/test-app';
import { createUser, startApiWithAdmin, TestUser } from '@wallet/testing/users';
import { sleep } from '@wallet/testing/wait';

/**
 * Holds the money move at one of its statements (a trigger that sleeps) and kills the Postgres
 * backend running it meanwhile, as when an administrator or a failover terminates it (the
 * reliability suite's scenario 3). Returns a function that removes the trigger.
 */
async function killMoveAt(table: string, event: 'INSERT' | 'UPDATE', condition: string) {
  const db = testDb();
  const name = `hold_${Math.random().toString(36).slice(2)}`;
  await db.query(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF ${condition} THEN PERFORM pg_sleep(30); END IF;
      RETURN NEW;
    END $$`);
  await db.query(
    `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  const killer = (async () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const { rows } = await db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND query LIKE '%money_withdraw%'`,
      );
      if (rows.length > 0) {
        await db.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        return;
      }
      await sleep(50);
    }
    throw new Error('the move never reached the held statement');
  })();
  return async () => {
    await killer;
    await db.query(`DROP TRIGGER ${name} ON ${table}`);
    await db.query(`DROP FUNCTION ${name}()`);
  };
}

describe('a database connection lost mid-transaction (docs/design.md §5: 503, never 500)', () => {
  let api: TestApi;
  let admin: TestUser;

  beforeAll(async () => ({ api, admin } = await startApiWithAdmin()));
  afterAll(async () => {
    await expectLedgerHolds();
    await stopApi(api);
  });

  it.each([
    [
      'after the wallet lock, before the next statement',
      (user: TestUser) =>
        killMoveAt(
          'transactions',
          'INSERT',
          `NEW.wallet_id = (SELECT id FROM wallets WHERE user_id = '${user.id}')`,
        ),
    ],
    [
      'after the last statement, before COMMIT',
      (user: TestUser) => killMoveAt('idempotency_keys', 'INSERT', `NEW.user_id = '${user.id}'`),
    ],
  ])('answers 503 when it is lost %s, moves nothing, and the retry goes through', async (_, inject) => {
    const user: TestUser = await createUser(api);
    await deposit(api, admin, user.id, 5_000).expect(201);
    const heal = await inject(user);

    const key = newKey();
    const lost = await withdraw(api, user, 1_000, key);
    await heal();
    expectProblem(lost, 503, 'SERVICE_UNAVAILABLE');
    expect(lost.headers['retry-after']).toBeDefined();
    expect(await balanceOf(api, user)).toBe(5_000);

    // The rollback left no claim, so the same key runs the move now, and only once.
    const retried = await withdraw(api, user, 1_000, key).expect(201);
    const replayed = await withdraw(api, user, 1_000, key).expect(201);
    expect(replayed.headers['idempotency-replayed']).toBe('true');
    expect(replayed.body.id).toBe(retried.body.id);
    expect(await balanceOf(api, user)).toBe(4_000);
  });

  it('survives a connection Postgres ends while it is checked out and idle, and answers again', async () => {
    // A transaction between two statements holds its connection with no query running: the
    // moment a failover or an administrator ends it, its 'error' event had no listener and ended
    // the whole process.
    const unitOfWork = api.app.get(UnitOfWork);
    const txHost = api.app.get<TransactionHost<TransactionalAdapterTypeOrm>>(TransactionHost);
    const held = api.app.get(ClsService).run(() =>
      unitOfWork.run(async () => {
        const [{ pid }] = await txHost.tx.query<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid');
        await testDb().query('SELECT pg_terminate_backend($1)', [pid]);
        await sleep(300);
        await txHost.tx.query('SELECT 1');
      }),
    );
    await expect(held).rejects.toThrow();
    const user = await createUser(api);
    await deposit(api, admin, user.id, 100).expect(201);
    expect(await balanceOf(api, user)).toBe(100);
  });
});
