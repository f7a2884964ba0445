import { Agent, request } from 'node:http';
import { closeTestDb, testDb } from '@wallet/testing/db';
import { deposit, newKey } from '@wallet/testing/money';
import { startApi, TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser } from '@wallet/testing/users';
import { sleep } from '@wallet/testing/wait';

/** A POST on a keep-alive connection, answered with its status and Connection header. */
function post(url: string, agent: Agent, headers: Record<string, string>, body: unknown) {
  const payload = JSON.stringify(body);
  return new Promise<{ status: number; connection?: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('graceful shutdown (docs/design.md §11: instances come and go)', () => {
  let api: TestApi;

  afterAll(() => closeTestDb());

  it('answers a request in flight at close, then lets its keep-alive connection go', async () => {
    api = await startApi();
    const admin = await createAdmin(api);
    const user = await createUser(api);
    await deposit(api, admin, user.id, 1_000).expect(201);
    const url = `${await api.app.getUrl()}/api/v1/wallet/withdraw`;
    const agent = new Agent({ keepAlive: true });

    // Hold the wallet row so the withdrawal is still in flight when the app starts closing.
    const lock = await testDb().connect();
    await lock.query('BEGIN');
    await lock.query('SELECT id FROM wallets WHERE user_id = $1 FOR UPDATE', [user.id]);
    const inFlight = post(url, agent, { ...user.auth, 'idempotency-key': newKey() }, { amount: 100 });
    await sleep(300);

    const closeStarted = Date.now();
    const closed = api.app.close();
    await sleep(300);
    await lock.query('ROLLBACK');
    lock.release();

    const answer = await inFlight;
    expect(answer).toEqual({ status: 201, connection: 'close' });
    // Without `Connection: close` the idle keep-alive connection would hold close() for 72 s.
    await closed;
    expect(Date.now() - closeStarted).toBeLessThan(5_000);
    agent.destroy();
  });
});
