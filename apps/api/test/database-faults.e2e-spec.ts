import { IdempotencyRepository } from '../src/idempotency/idempotency.repository';
import { WalletsRepository } from '../src/wallet/wallets.repository';
import { closeTestDb, expectLedgerHolds, testDb } from './support/db';
import { balanceOf, deposit, newKey, withdraw } from './support/money';
import { expectProblem } from './support/problems';
import { startApi, TestApi } from './support/test-app';
import { createAdmin, createUser, sleep, TestUser } from './support/users';

type TxHolder = { txHost: { tx: { query: (sql: string) => Promise<Array<{ pid: number }>> } } };

/**
 * Kills the Postgres backend of the transaction `self` runs in, between two of its statements,
 * and waits until the driver has noticed: the connection is then gone while the transaction is
 * idle, as when an administrator or a failover terminates it (the reliability suite's scenario 3).
 */
async function killOwnConnection(self: unknown): Promise<void> {
  const [{ pid }] = await (self as TxHolder).txHost.tx.query('SELECT pg_backend_pid() AS pid');
  await testDb().query('SELECT pg_terminate_backend($1)', [pid]);
  await sleep(300);
}

describe('a database connection lost mid-transaction (DESIGN §5: 503, never 500)', () => {
  let api: TestApi;
  let admin: TestUser;

  beforeAll(async () => {
    api = await startApi();
    admin = await createAdmin(api);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await expectLedgerHolds();
    await api.close();
    await closeTestDb();
  });

  it.each([
    [
      'after the wallet lock, before the next statement',
      () => {
        const original = WalletsRepository.prototype.lockByUserId;
        jest.spyOn(WalletsRepository.prototype, 'lockByUserId').mockImplementationOnce(async function (
          this: WalletsRepository,
          ...args
        ) {
          const wallet = await original.apply(this, args);
          await killOwnConnection(this);
          return wallet;
        });
      },
    ],
    [
      'after the last statement, before COMMIT',
      () => {
        const original = IdempotencyRepository.prototype.complete;
        jest.spyOn(IdempotencyRepository.prototype, 'complete').mockImplementationOnce(async function (
          this: IdempotencyRepository,
          ...args
        ) {
          await original.apply(this, args);
          await killOwnConnection(this);
        });
      },
    ],
  ])('answers 503 when it is lost %s, moves nothing, and the retry goes through', async (_, inject) => {
    const user: TestUser = await createUser(api);
    await deposit(api, admin, user.id, 5_000).expect(201);
    inject();

    const key = newKey();
    const lost = await withdraw(api, user, 1_000, key);
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
});
