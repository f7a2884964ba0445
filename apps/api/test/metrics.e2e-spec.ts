import { ErrorCode } from '@wallet/shared';
import { expectLedgerHolds } from '@wallet/testing/db';
import { balanceOf, deposit, newKey, transfer } from '@wallet/testing/money';
import { namesOf, scrape, valueOf } from '@wallet/testing/metrics';
import { expectProblem } from '@wallet/testing/problems';
import { freePort } from '@wallet/testing/ports';
import { startApi, stopApi, type TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser, type TestUser } from '@wallet/testing/users';

describe('Prometheus metrics of the API', () => {
  let api: TestApi;
  let admin: TestUser;
  let metricsUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    api = await startApi({ METRICS_PORT: String(port), CACHE_TTL_SECONDS: '60' });
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    admin = await createAdmin(api);
  });
  afterEach(() => expectLedgerHolds());
  afterAll(() => stopApi(api));

  it('counts a transfer made over HTTP once, and not its replay', async () => {
    const [alice, bob] = await Promise.all([createUser(api, 'alice'), createUser(api, 'bob')]);
    await deposit(api, admin, alice.id, 5_000).expect(201);
    const before = await scrape(metricsUrl);

    const key = newKey();
    await transfer(api, alice, bob.email, 1_250, key).expect(201);
    const replay = await transfer(api, alice, bob.email, 1_250, key).expect(201);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    // The same key with another amount: refused, nothing moved.
    const reused = await transfer(api, alice, bob.email, 99, key);
    expectProblem(reused, 422, ErrorCode.IDEMPOTENCY_KEY_REUSED);
    expect(await balanceOf(api, bob)).toBe(1_250);

    const after = await scrape(metricsUrl);
    const delta = (name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('money_moves_total', { type: 'transfer', status: 'SUCCESS' })).toBe(1);
    expect(delta('money_moves_total', { type: 'transfer', status: 'FAILED' })).toBe(0);
    expect(delta('idempotency_replays_total', { type: 'transfer' })).toBe(1);
    expect(delta('idempotency_conflicts_total', { type: 'transfer', reason: 'reused' })).toBe(1);
    // Both answers timed under the route's pattern.
    expect(
      delta('http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/wallet/transfer',
        status: '201',
      }),
    ).toBe(2);
  });

  it('counts a refused move as FAILED, and labels requests by route pattern, never the raw URL', async () => {
    const poor = await createUser(api, 'poor');
    const before = await scrape(metricsUrl);
    await transfer(api, poor, admin.email, 100).expect(422);
    await deposit(api, admin, poor.id, 300).expect(201);
    const after = await scrape(metricsUrl);

    expect(
      valueOf(after, 'money_moves_total', { type: 'transfer', status: 'FAILED' }) -
        valueOf(before, 'money_moves_total', { type: 'transfer', status: 'FAILED' }),
    ).toBe(1);
    expect(
      valueOf(after, 'money_moves_total', { type: 'deposit', status: 'SUCCESS' }) -
        valueOf(before, 'money_moves_total', { type: 'deposit', status: 'SUCCESS' }),
    ).toBe(1);
    const routes = new Set(
      after.filter((s) => s.name === 'http_request_duration_seconds_count').map((s) => s.labels.route),
    );
    expect(routes).toContain('/api/v1/admin/users/:id/deposit');
    expect([...routes].some((route) => route.includes(poor.id))).toBe(false);
  });

  it('counts cache hits and misses and reports the pool, the outbox and the process', async () => {
    const user = await createUser(api, 'reader');
    const before = await scrape(metricsUrl);
    await balanceOf(api, user);
    await balanceOf(api, user);
    const samples = await scrape(metricsUrl);

    expect(valueOf(samples, 'cache_misses_total', { kind: 'wallet' })).toBe(
      valueOf(before, 'cache_misses_total', { kind: 'wallet' }) + 1,
    );
    expect(valueOf(samples, 'cache_hits_total', { kind: 'wallet' })).toBe(
      valueOf(before, 'cache_hits_total', { kind: 'wallet' }) + 1,
    );
    const names = namesOf(samples);
    for (const name of [
      'http_request_duration_seconds_bucket',
      'money_moves_total',
      'idempotency_replays_total',
      'idempotency_conflicts_total',
      'cache_hits_total',
      'cache_misses_total',
      'db_pool_connections_in_use',
      'db_pool_connections_open',
      'db_pool_waiting_requests',
      'outbox_pending_rows',
      'outbox_oldest_pending_age_seconds',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(names).toContain(name);
    }
    // No worker runs in this file: the deposits' and transfers' outbox rows are all pending.
    expect(valueOf(samples, 'outbox_pending_rows')).toBeGreaterThan(0);
    expect(valueOf(samples, 'outbox_oldest_pending_age_seconds')).toBeGreaterThan(0);
    expect(valueOf(samples, 'db_pool_connections_open')).toBeGreaterThan(0);
  });

  it('serves metrics on their own port only', async () => {
    await api.http.get('/metrics').expect(404);
    await api.http.get('/api/v1/metrics').expect(404);
    expect((await fetch(metricsUrl.replace('/metrics', '/other'))).status).toBe(404);
  });
});
