import { WebhookEventType } from '@wallet/shared';
import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { expectLedgerHolds } from '@wallet/testing/db';
import { deposit, freeze, historyOf, transfer, unfreeze, withdraw } from '@wallet/testing/money';
import type { TestApi } from '@wallet/testing/test-app';
import { freePort } from '@wallet/testing/ports';
import { query } from '@wallet/testing/test-worker';
import { createAdmin, createUser, type TestUser } from '@wallet/testing/users';
import { sleep, waitFor } from '@wallet/testing/wait';
import { type ReceivedWebhook, WebhookReceiver } from '@wallet/testing/webhook-receiver';
import { startWorkerHarness } from '@wallet/testing/worker-harness';

/** Long enough for the relay to poll a few times: anything it would have delivered, it has. */
const SETTLE_MS = 2_000;

interface Endpoint {
  id: string;
  secret: string;
  path: string;
}

/** What `standardwebhooks` makes of a delivery, as a receiving service would verify it. */
function verified(secret: string, request: ReceivedWebhook): unknown {
  return new Webhook(secret).verify(request.body, request.headers);
}

/**
 * A worker and an API on a database of their own (docs/design.md §14), an admin, and helpers to
 * register endpoints and read their delivery log. The API always accepts loopback URLs (as in
 * development); the worker's policy is the file's to choose (`workerEnv`).
 */
async function startWorld(label: string, workerEnv: Record<string, string>) {
  const harness = await startWorkerHarness({
    label,
    env: { WEBHOOK_REQUEUE_INTERVAL_MS: '1000', DAILY_TRANSFER_LIMIT: '100000000' },
    workerEnv,
  });
  const api = await harness.startApi({ WEBHOOK_ALLOW_INSECURE_URLS: 'true' });
  const admin = await createAdmin(api, 'hooks');
  const register = async (
    receiver: { url(path: string): string },
    events: string[],
    path = `/${randomUUID()}`,
  ) => {
    const created = await api.http
      .post('/api/v1/admin/webhooks')
      .set(admin.auth)
      .send({ url: receiver.url(path), events })
      .expect(201);
    return { id: created.body.id as string, secret: created.body.secret as string, path };
  };
  const deliveries = async (endpoint: Endpoint) =>
    (
      await api.http
        .get(`/api/v1/admin/webhooks/${endpoint.id}/deliveries?limit=100`)
        .set(admin.auth)
        .expect(200)
    ).body.items as Record<string, unknown>[];
  return { database: harness.database, api, admin, register, deliveries, close: () => harness.close() };
}

describe('webhook delivery (docs/design.md §14)', () => {
  let world: Awaited<ReturnType<typeof startWorld>>;
  let api: TestApi;
  let admin: TestUser;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    world = await startWorld('webhooks', { WEBHOOK_ALLOW_INSECURE_URLS: 'true' });
    ({ api, admin } = world);
  });
  afterEach(() => expectLedgerHolds(world.database.url));
  afterAll(async () => {
    receiver?.release();
    await world?.close();
    await receiver?.stop();
  });

  const ofUsers = (users: TestUser[]) => (request: ReceivedWebhook) =>
    users.some((user) => request.json.data.userId === user.id || request.json.data.id === user.id);

  it("gives a transfer's transaction.succeeded to both parties' subscribers, signed so standardwebhooks accepts it", async () => {
    const succeeded = await world.register(receiver, [WebhookEventType.TRANSACTION_SUCCEEDED]);
    const everything = await world.register(receiver, ['*']);
    const sender = await createUser(api, 'sender');
    const recipient = await createUser(api, 'recipient');
    await deposit(api, admin, sender.id, 2_500).expect(201);
    const sent = await transfer(api, sender, recipient.email, 1_050).expect(201);

    const mine = ofUsers([sender, recipient]);
    const isTransfer = (request: ReceivedWebhook) => request.json.data.transferId === sent.body.transferId;
    const atSucceeded = await receiver.waitFor(
      succeeded.path,
      (requests) => requests.filter(isTransfer).length === 2,
    );
    const [senderHistory, recipientHistory] = [await historyOf(api, sender), await historyOf(api, recipient)];
    // Each leg as its owner's history shows it, with the owner's id.
    const expected: Record<string, unknown> = {
      transfer_out: {
        ...senderHistory.items.find((item) => item.type === 'transfer_out'),
        userId: sender.id,
      },
      transfer_in: {
        ...recipientHistory.items.find((item) => item.type === 'transfer_in'),
        userId: recipient.id,
      },
    };
    const legs = atSucceeded.filter(isTransfer);
    expect(Object.fromEntries(legs.map((request) => [request.json.data.type, request.json.data]))).toEqual(
      expected,
    );
    for (const request of legs) {
      expect(request.json).toEqual({
        type: 'transaction.succeeded',
        timestamp: expect.any(String),
        data: expect.any(Object),
      });
      expect(verified(succeeded.secret, request)).toEqual(request.json);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      // Another endpoint's secret does not verify it.
      expect(() => verified(everything.secret, request)).toThrow();
    }
    // The deposit is a transaction.succeeded of the sender's too; the endpoint gets nothing else.
    expect(
      atSucceeded
        .filter(mine)
        .map((request) => [request.json.type, request.json.data.type])
        .sort(),
    ).toEqual([
      ['transaction.succeeded', 'deposit'],
      ['transaction.succeeded', 'transfer_in'],
      ['transaction.succeeded', 'transfer_out'],
    ]);

    // Every subscriber gets the same events, each under a webhook-id of its own.
    const atEverything = await receiver.waitFor(
      everything.path,
      (requests) => requests.filter(isTransfer).length === 2,
    );
    for (const request of atEverything.filter(isTransfer)) {
      expect(verified(everything.secret, request)).toEqual(request.json);
      const twin = legs.find((leg) => leg.json.data.id === request.json.data.id)!;
      expect(request.body).toBe(twin.body);
      expect(request.headers['webhook-id']).not.toBe(twin.headers['webhook-id']);
    }
    const log = await world.deliveries(succeeded);
    expect(log.filter((entry) => entry.status === 'succeeded')).toHaveLength(log.length);
    expect(log[0]).toMatchObject({
      attempt: 1,
      responseStatus: 200,
      error: null,
      eventType: 'transaction.succeeded',
    });
  });

  it('announces a reversal as transaction.reversed to each party, naming the row it undoes', async () => {
    const reversed = await world.register(receiver, [WebhookEventType.TRANSACTION_REVERSED]);
    const sender = await createUser(api, 'undone');
    const recipient = await createUser(api, 'unpaid');
    await deposit(api, admin, sender.id, 2_000).expect(201);
    const sent = await transfer(api, sender, recipient.email, 700).expect(201);
    await api.http
      .post(`/api/v1/admin/transactions/${sent.body.id}/reverse`)
      .set(admin.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ reason: 'Sent to the wrong person' })
      .expect(201);

    const mine = ofUsers([sender, recipient]);
    const events = await receiver.waitFor(reversed.path, (requests) => requests.filter(mine).length === 2);
    // Each party's reversal row, as their own history shows it, with their id.
    for (const user of [sender, recipient]) {
      const history = await historyOf(api, user, '?type=reversal');
      const event = events.filter(mine).find((request) => request.json.data.userId === user.id)!;
      expect(verified(reversed.secret, event)).toEqual({
        type: 'transaction.reversed',
        timestamp: expect.any(String),
        data: { ...history.items[0], reversedById: null, userId: user.id },
      });
      expect(event.json.data).toMatchObject({ type: 'reversal', memo: 'Sent to the wrong person' });
    }
    const undone = events.filter(mine).map((request) => request.json.data.reversesId);
    expect(undone).toContain(sent.body.id);
    await sleep(SETTLE_MS);
    // The reversal is transaction.reversed only: this endpoint got nothing else of theirs.
    expect(receiver.at(reversed.path).filter(mine)).toHaveLength(2);
  });

  it('sends transaction.failed for a refused move, to its owner only', async () => {
    const failed = await world.register(receiver, [WebhookEventType.TRANSACTION_FAILED]);
    const user = await createUser(api, 'broke');
    const refused = await withdraw(api, user, 5_000).expect(422);
    const [request] = await receiver.waitFor(failed.path, (requests) => requests.some(ofUsers([user])));
    expect(verified(failed.secret, request)).toMatchObject({
      type: 'transaction.failed',
      data: {
        id: refused.body.transactionId,
        type: 'withdraw',
        status: 'FAILED',
        failureReason: 'INSUFFICIENT_FUNDS',
        amount: 5_000,
        userId: user.id,
        counterpartyName: null,
      },
    });
  });

  it('retries a receiver answering 500 after about 5 s with the same webhook-id, and it succeeds', async () => {
    const endpoint = await world.register(receiver, [WebhookEventType.USER_REGISTERED]);
    let answered = 0;
    receiver.answer = (request) => (request.path === endpoint.path && answered++ === 0 ? 500 : 200);
    try {
      const user = await createUser(api, 'flaky');
      const [first, second] = await receiver.waitFor(endpoint.path, (requests) => requests.length >= 2);
      expect(first.json).toMatchObject({ type: 'user.registered', data: { id: user.id, email: user.email } });
      expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
      expect(second.body).toBe(first.body);
      expect(verified(endpoint.secret, second)).toEqual(first.json);
      expect(second.at - first.at).toBeGreaterThanOrEqual(4_900);
      expect(second.at - first.at).toBeLessThan(9_000);
      const [entry] = await waitFor(async () => {
        const log = await world.deliveries(endpoint);
        return log[0]?.status === 'succeeded' ? log : undefined;
      });
      expect(entry).toMatchObject({
        id: first.headers['webhook-id'],
        attempt: 2,
        responseStatus: 200,
        error: null,
      });
    } finally {
      receiver.answer = () => 200;
    }
  });

  it('delivers on the ~5 s retry to a receiver that was down for the first attempt', async () => {
    const port = await freePort();
    const down = { url: (path: string) => `http://127.0.0.1:${port}${path}` };
    const endpoint = await world.register(down, [WebhookEventType.ACCOUNT_FROZEN]);
    const user = await createUser(api, 'frozen');
    await freeze(api, admin, user.id, 'Chargeback').expect(200);
    const [failedOnce] = await waitFor(async () => {
      const log = await world.deliveries(endpoint);
      return log[0]?.attempt === 1 ? log : undefined;
    });
    expect(failedOnce).toMatchObject({
      status: 'pending',
      responseStatus: null,
      error: expect.stringContaining('ECONNREFUSED'),
    });
    const failedAt = Date.now();
    const late = await WebhookReceiver.start(port);
    try {
      const [request] = await late.waitFor(endpoint.path, (requests) => requests.length > 0);
      expect(request.at - failedAt).toBeLessThan(8_000);
      expect(verified(endpoint.secret, request)).toMatchObject({
        type: 'account.frozen',
        data: { userId: user.id, frozen: true, frozenReason: 'Chargeback', walletId: expect.any(String) },
      });
      expect(request.headers['webhook-id']).toBe(failedOnce.id);
    } finally {
      await late.stop();
    }
  });

  it('gives an endpoint only the types it subscribed to, and ["*"] every type', async () => {
    const unfrozenOnly = await world.register(receiver, [WebhookEventType.ACCOUNT_UNFROZEN]);
    const all = await world.register(receiver, ['*']);
    const user = await createUser(api, 'typed');
    const mine = ofUsers([user]);
    await deposit(api, admin, user.id, 100).expect(201);
    await freeze(api, admin, user.id).expect(200);
    await unfreeze(api, admin, user.id).expect(200);
    await api.http.post(`/api/v1/admin/users/${user.id}/deactivate`).set(admin.auth).expect(200);
    await api.http.post(`/api/v1/admin/users/${user.id}/activate`).set(admin.auth).expect(200);

    const everything = await receiver.waitFor(all.path, (requests) => requests.filter(mine).length === 6);
    await sleep(SETTLE_MS);
    expect(
      receiver
        .at(all.path)
        .filter(mine)
        .map((request) => request.json.type),
    ).toEqual(
      expect.arrayContaining([
        'user.registered',
        'transaction.succeeded',
        'account.frozen',
        'account.unfrozen',
        'user.deactivated',
        'user.activated',
      ]),
    );
    expect(receiver.at(all.path).filter(mine)).toHaveLength(6);
    const byType = Object.fromEntries(
      everything.filter(mine).map((request) => [request.json.type, request.json.data]),
    );
    expect(byType['user.deactivated']).toMatchObject({ id: user.id, status: 'inactive', role: 'user' });
    expect(byType['user.activated']).toMatchObject({ id: user.id, status: 'active' });
    expect(byType['account.unfrozen']).toMatchObject({ userId: user.id, frozen: false, frozenReason: null });

    const only = receiver.at(unfrozenOnly.path);
    expect(only.map((request) => request.json.type)).toEqual(['account.unfrozen']);
    const logged = await query<{ event_type: string }>(
      world.database.url,
      'SELECT event_type FROM webhook_deliveries WHERE endpoint_id = $1',
      [unfrozenOnly.id],
    );
    expect(logged).toEqual([{ event_type: 'account.unfrozen' }]);
  });

  it("signs with both secrets during a rotation's overlap, so the old key still verifies; after it, the new one only", async () => {
    const endpoint = await world.register(receiver, [WebhookEventType.USER_REGISTERED]);
    const rotated = await api.http
      .post(`/api/v1/admin/webhooks/${endpoint.id}/rotate-secret`)
      .set(admin.auth)
      .expect(200);
    const newSecret = rotated.body.secret as string;
    await createUser(api, 'rotation');
    const [during] = await receiver.waitFor(endpoint.path, (requests) => requests.length === 1);
    expect(during.headers['webhook-signature'].split(' ')).toEqual([
      expect.stringMatching(/^v1,/),
      expect.stringMatching(/^v1,/),
    ]);
    expect(verified(endpoint.secret, during)).toEqual(during.json);
    expect(verified(newSecret, during)).toEqual(during.json);

    // The overlap over (24 h later, brought forward): the old key no longer verifies.
    await query(
      world.database.url,
      `UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`,
      [endpoint.id],
    );
    await createUser(api, 'rotated');
    const [, after] = await receiver.waitFor(endpoint.path, (requests) => requests.length === 2);
    expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(verified(newSecret, after)).toEqual(after.json);
    expect(() => verified(endpoint.secret, after)).toThrow();
  });

  it('fails a delivery after its last scheduled attempt, and an admin retry sends it again with the same webhook-id', async () => {
    const endpoint = await world.register(receiver, [WebhookEventType.USER_REGISTERED]);
    let status = 503;
    receiver.answer = (request) => (request.path === endpoint.path ? status : 200);
    try {
      await createUser(api, 'doomed');
      const [first] = await receiver.waitFor(endpoint.path, (requests) => requests.length === 1);
      // Seven attempts have failed (the 5 s, 5 min, 30 min, 2 h, 5 h and 10 h waits brought forward):
      // the one due next is the last of the schedule.
      await query(world.database.url, `UPDATE webhook_deliveries SET attempt = 7 WHERE endpoint_id = $1`, [
        endpoint.id,
      ]);
      await receiver.waitFor(endpoint.path, (requests) => requests.length === 2);
      const [failed] = await waitFor(async () => {
        const log = await world.deliveries(endpoint);
        return log[0]?.status === 'failed' ? log : undefined;
      });
      expect(failed).toMatchObject({ attempt: 8, responseStatus: 503, error: 'HTTP 503' });
      await sleep(SETTLE_MS);
      expect(receiver.at(endpoint.path)).toHaveLength(2);

      status = 204;
      const retried = await api.http
        .post(`/api/v1/admin/webhooks/deliveries/${String(failed.id)}/retry`)
        .set(admin.auth)
        .expect(200);
      expect(retried.body).toMatchObject({ status: 'pending', attempt: 8 });
      const [, , third] = await receiver.waitFor(endpoint.path, (requests) => requests.length === 3);
      expect(third.headers['webhook-id']).toBe(first.headers['webhook-id']);
      expect(verified(endpoint.secret, third)).toEqual(first.json);
      const [done] = await waitFor(async () => {
        const log = await world.deliveries(endpoint);
        return log[0]?.status === 'succeeded' ? log : undefined;
      });
      expect(done).toMatchObject({ attempt: 9, responseStatus: 204, error: null });
    } finally {
      receiver.answer = () => 200;
    }
  });

  it('sends a disabled endpoint nothing, and its pending deliveries once it is enabled again', async () => {
    const endpoint = await world.register(receiver, [WebhookEventType.USER_REGISTERED]);
    const patch = (enabled: boolean) =>
      api.http.patch(`/api/v1/admin/webhooks/${endpoint.id}`).set(admin.auth).send({ enabled }).expect(200);
    receiver.answer = (request) => (request.path === endpoint.path ? 500 : 200);
    try {
      const before = await createUser(api, 'pending');
      const [first] = await receiver.waitFor(endpoint.path, (requests) => requests.length > 0);
      expect(first.json.data.id).toBe(before.id);
      await patch(false);
      receiver.answer = () => 200;
      // Disabled: the retry due after 5 s is not made, and a new event is not delivered at all.
      await createUser(api, 'unheard');
      await sleep(7_000);
      expect(receiver.at(endpoint.path)).toHaveLength(1);
      const log = await world.deliveries(endpoint);
      expect(log).toEqual([expect.objectContaining({ status: 'pending', attempt: 1, responseStatus: 500 })]);

      await patch(true);
      const [, again] = await receiver.waitFor(endpoint.path, (requests) => requests.length === 2);
      expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);
      expect(again.json.data.id).toBe(before.id);
      await sleep(SETTLE_MS);
      expect(receiver.at(endpoint.path)).toHaveLength(2);
    } finally {
      receiver.answer = () => 200;
    }
  });

  it("keeps a hanging endpoint from delaying another endpoint's deliveries", async () => {
    const hanging = await world.register(receiver, [WebhookEventType.USER_ACTIVATED]);
    const healthy = await world.register(receiver, [WebhookEventType.USER_ACTIVATED]);
    receiver.answer = (request) => (request.path === hanging.path ? 'hang' : 200);
    try {
      // 150 events at once, written as the API writes them: each goes to both endpoints.
      const count = 150;
      const started = Date.now();
      await query(
        world.database.url,
        `INSERT INTO outbox (kind, payload)
         SELECT 'webhook-event', jsonb_build_object('id', gen_random_uuid(), 'type', 'user.activated',
                  'timestamp', now(), 'data', jsonb_build_object('id', gen_random_uuid(), 'n', n))
         FROM generate_series(1, $1::int) AS n`,
        [count],
      );
      await receiver.waitFor(healthy.path, (requests) => requests.length >= count, { timeoutMs: 20_000 });
      const tookMs = Date.now() - started;
      // Before the first hanging attempt timed out (10 s) and gave its slot back: the healthy
      // endpoint never queued behind the hanging one's attempts (without the per-endpoint share,
      // the hanging ones take every slot within a second and hold them for those 10 s).
      expect(tookMs).toBeLessThan(9_000);
      expect(await world.deliveries(hanging)).not.toContainEqual(
        expect.objectContaining({ attempt: 1, error: expect.any(String) }),
      );
      // The hanging endpoint holds only its share of the worker at a time.
      expect(receiver.at(hanging.path).length).toBeLessThanOrEqual(10);
    } finally {
      await api.http.delete(`/api/v1/admin/webhooks/${hanging.id}`).set(admin.auth).expect(204);
      receiver.answer = () => 200;
      receiver.release();
    }
  });

  it('delivers every event of 1,000 transfers to a receiver killed and restarted mid-way: none lost, duplicates only under one webhook-id', async () => {
    const flaky = await WebhookReceiver.start();
    try {
      const endpoint = await world.register(flaky, [WebhookEventType.TRANSACTION_SUCCEEDED]);
      const users: TestUser[] = [];
      for (let i = 0; i < 10; i++) users.push(await createUser(api, `bulk${i}`));
      for (const user of users) await deposit(api, admin, user.id, 100_000).expect(201);

      const total = 1_000;
      let next = 0;
      const runner = async () => {
        while (next < total) {
          const n = next++;
          const [from, to] = [users[n % users.length], users[(n + 3) % users.length]];
          await transfer(api, from, to.email, 1 + (n % 7)).expect(201);
        }
      };
      // The receiver goes down once a few hundred events are in, while transfers go on, and comes
      // back 1.5 s later: every attempt in between fails and is retried about 5 s later.
      let restartedAt = 0;
      const outage = async () => {
        await waitFor(() => (flaky.received.length >= 300 ? true : undefined), {
          timeoutMs: 60_000,
          what: '300 deliveries before the outage',
        });
        await flaky.stop();
        await sleep(1_500);
        await flaky.listen();
        restartedAt = Date.now();
      };
      await Promise.all([...Array.from({ length: 8 }, runner), outage()]);

      const ids = users.map((user) => user.id);
      const ledger = await query<{ id: string }>(
        world.database.url,
        `SELECT t.id FROM transactions t JOIN wallets w ON w.id = t.wallet_id
           WHERE w.user_id = ANY ($1::uuid[]) AND t.status = 'SUCCESS'`,
        [ids],
      );
      expect(ledger).toHaveLength(users.length + 2 * total);
      const delivered = () => new Set(flaky.received.map((request) => request.json.data.id));
      await waitFor(() => (ledger.every((row) => delivered().has(row.id)) ? true : undefined), {
        timeoutMs: 60_000,
        what: 'every event of the transfers',
      });

      // Every row of the ledger came as exactly one event: nothing lost, nothing else.
      expect(delivered()).toEqual(new Set(ledger.map((row) => row.id)));
      // A copy (an attempt whose answer was lost in the outage) comes under the same webhook-id,
      // with the same body: a receiver that keeps the ids it has seen processes each event once.
      const idsOfEvent = new Map<string, Set<string>>();
      const bodyOfId = new Map<string, string>();
      for (const request of flaky.received) {
        expect(verified(endpoint.secret, request)).toEqual(request.json);
        const webhookId = request.headers['webhook-id'];
        const seen = idsOfEvent.get(String(request.json.data.id)) ?? new Set<string>();
        idsOfEvent.set(String(request.json.data.id), seen.add(webhookId));
        expect(bodyOfId.get(webhookId) ?? request.body).toBe(request.body);
        bodyOfId.set(webhookId, request.body);
      }
      expect([...idsOfEvent.values()].filter((webhookIds) => webhookIds.size !== 1)).toEqual([]);

      // The outage did cut deliveries off, and they were made good by retries after the restart.
      const retried = await query<{ n: number }>(
        world.database.url,
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND attempt > 1`,
        [endpoint.id],
      );
      expect(retried[0].n).toBeGreaterThan(0);
      expect(restartedAt).toBeGreaterThan(0);
      const states = await waitFor(async () => {
        const rows = await query<{ status: string; n: number }>(
          world.database.url,
          `SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY status`,
          [endpoint.id],
        );
        return rows.length === 1 ? rows : undefined;
      });
      expect(states).toEqual([{ status: 'succeeded', n: users.length + 2 * total }]);
    } finally {
      await flaky.stop();
    }
  }, 150_000);
});

describe('webhook addresses checked when connecting (docs/design.md §14)', () => {
  let world: Awaited<ReturnType<typeof startWorld>>;
  let server: Server;
  let connections = 0;

  beforeAll(async () => {
    // Counts whoever connects, and answers nothing: the worker must never get this far.
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // Production's policy in the worker; the API (development's) lets the URLs be saved, as a
    // name that resolved to a public address when it was saved could resolve elsewhere later.
    world = await startWorld('webhooks-strict', { WEBHOOK_ALLOW_INSECURE_URLS: 'false' });
  });
  afterAll(async () => {
    await world?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('refuses to connect to a host resolving to loopback, or to a plain-http or loopback URL', async () => {
    const { port } = server.address() as AddressInfo;
    const byName = await world.register({ url: (path) => `https://localhost:${port}${path}` }, ['*']);
    const byAddress = await world.register({ url: (path) => `https://127.0.0.1:${port}${path}` }, ['*']);
    const plain = await world.register({ url: (path) => `http://127.0.0.1:${port}${path}` }, ['*']);
    await createUser(world.api, 'unreachable');
    const firstAttempt = (endpoint: Endpoint) =>
      waitFor(async () => {
        const [entry] = await world.deliveries(endpoint);
        return entry?.attempt === 1 && entry.error !== null ? entry : undefined;
      });
    expect(await firstAttempt(byName)).toMatchObject({
      status: 'pending',
      responseStatus: null,
      error: expect.stringMatching(
        /^refused: localhost resolves to a non-public address \((127\.0\.0\.1|::1)\)$/,
      ),
    });
    expect(await firstAttempt(byAddress)).toMatchObject({
      error: 'url must not point to a non-public address (127.0.0.1)',
    });
    expect(await firstAttempt(plain)).toMatchObject({ error: 'url must be an https: URL' });
    expect(connections).toBe(0);
  });
});
