import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { closeTestDb, expectLedgerHolds, testDb } from '@wallet/testing/db';
import { newKey } from '@wallet/testing/money';
import { expectProblem } from '@wallet/testing/problems';
import { startApi, type TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser, type TestUser } from '@wallet/testing/users';

/**
 * The admin routes of webhook endpoints (docs/design.md §14). Delivery itself (the worker) is
 * tested in apps/worker/test/webhooks.e2e-spec.ts.
 */
describe('webhook endpoints (docs/design.md §14)', () => {
  let api: TestApi;
  let strictApi: TestApi;
  let admin: TestUser;

  beforeAll(async () => {
    // Loopback receivers are allowed here, as in development; `strictApi` is production's policy.
    api = await startApi({ WEBHOOK_ALLOW_INSECURE_URLS: 'true' });
    strictApi = await startApi();
    admin = await createAdmin(api, 'webhooks');
  });
  afterEach(() => expectLedgerHolds());
  afterAll(async () => {
    await api.close();
    await strictApi.close();
    await closeTestDb();
  });

  const create = (body: object, on = api) =>
    on.http.post('/api/v1/admin/webhooks').set(admin.auth).send(body);

  it('creates an enabled endpoint and shows its whsec_ secret once', async () => {
    const created = await create({
      url: 'http://127.0.0.1:9/hooks',
      events: ['transaction.succeeded', 'account.frozen'],
      description: 'Ledger sync',
    }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      url: 'http://127.0.0.1:9/hooks',
      events: ['transaction.succeeded', 'account.frozen'],
      description: 'Ledger sync',
      enabled: true,
      previousSecretExpiresAt: null,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
      createdAt: expect.any(String),
    });
    const key = Buffer.from(created.body.secret.slice('whsec_'.length), 'base64');
    expect(key.length).toBeGreaterThanOrEqual(24);
    // The package receivers use accepts it as it is.
    expect(() => new Webhook(created.body.secret)).not.toThrow();

    const shown = await api.http.get(`/api/v1/admin/webhooks/${created.body.id}`).set(admin.auth).expect(200);
    expect(shown.body).not.toHaveProperty('secret');
    expect(shown.body).toEqual({ ...created.body, secret: undefined });
    const listed = await api.http.get('/api/v1/admin/webhooks?limit=100').set(admin.auth).expect(200);
    const entry = (listed.body.items as { id: string }[]).find((item) => item.id === created.body.id);
    expect(entry).toEqual(shown.body);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
  });

  it('changes url, events, enabled and description, and deletes', async () => {
    const { body: endpoint } = await create({ url: 'http://127.0.0.1:9/a', events: ['*'] }).expect(201);
    expect(endpoint.description).toBeNull();
    const path = `/api/v1/admin/webhooks/${endpoint.id}`;
    const changed = await api.http
      .patch(path)
      .set(admin.auth)
      .send({ url: 'http://127.0.0.1:9/b', events: ['user.registered'], enabled: false, description: 'B' })
      .expect(200);
    expect(changed.body).toMatchObject({
      url: 'http://127.0.0.1:9/b',
      events: ['user.registered'],
      enabled: false,
      description: 'B',
    });
    const cleared = await api.http.patch(path).set(admin.auth).send({ description: null }).expect(200);
    expect(cleared.body).toMatchObject({ description: null, enabled: false, url: 'http://127.0.0.1:9/b' });
    const enabled = await api.http.patch(path).set(admin.auth).send({ enabled: true }).expect(200);
    expect(enabled.body).toMatchObject({ enabled: true, events: ['user.registered'] });

    await api.http.delete(path).set(admin.auth).expect(204);
    expectProblem(await api.http.get(path).set(admin.auth), 404, 'NOT_FOUND');
    expectProblem(await api.http.delete(path).set(admin.auth), 404, 'NOT_FOUND');
    expectProblem(await api.http.patch(path).set(admin.auth).send({ enabled: true }), 404, 'NOT_FOUND');
  });

  it('stores ["*"] alone for a subscription to every type', async () => {
    const { body } = await create({ url: 'http://127.0.0.1:9/all', events: ['*', 'user.activated'] }).expect(
      201,
    );
    expect(body.events).toEqual(['*']);
  });

  it('rotates the secret: a new one, the old one signing for 24 more hours', async () => {
    const { body: endpoint } = await create({ url: 'http://127.0.0.1:9/r', events: ['*'] }).expect(201);
    const before = Date.now();
    const rotated = await api.http
      .post(`/api/v1/admin/webhooks/${endpoint.id}/rotate-secret`)
      .set(admin.auth)
      .expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    const expires = new Date(rotated.body.previousSecretExpiresAt).getTime();
    expect(expires - before).toBeGreaterThan(24 * 3_600_000 - 60_000);
    expect(expires - before).toBeLessThan(24 * 3_600_000 + 60_000);
    const [row] = (
      await testDb().query('SELECT secret, previous_secret FROM webhook_endpoints WHERE id = $1', [
        endpoint.id,
      ])
    ).rows;
    expect(row).toEqual({ secret: rotated.body.secret, previous_secret: endpoint.secret });
    expectProblem(
      await api.http.post(`/api/v1/admin/webhooks/${randomUUID()}/rotate-secret`).set(admin.auth),
      404,
      'NOT_FOUND',
    );
  });

  it('refuses a URL to 127.0.0.1 without the development flag: 400 naming url', async () => {
    for (const url of [
      'https://127.0.0.1/hooks',
      'https://[::1]/hooks',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.8/hooks',
      'https://localhost/hooks',
      'http://hooks.example.com/plain-http',
    ]) {
      const refused = await create({ url, events: ['*'] }, strictApi);
      expectProblem(refused, 400, 'VALIDATION_FAILED');
      expect(refused.body.errors).toEqual([{ field: 'url', messages: [expect.any(String)] }]);
    }
    const { body: endpoint } = await create({ url: 'http://127.0.0.1:9/x', events: ['*'] }).expect(201);
    const patched = await strictApi.http
      .patch(`/api/v1/admin/webhooks/${endpoint.id}`)
      .set(admin.auth)
      .send({ url: 'https://192.168.0.1/x' });
    expectProblem(patched, 400, 'VALIDATION_FAILED');
    expect(patched.body.errors).toEqual([
      { field: 'url', messages: [expect.stringContaining('non-public')] },
    ]);
  });

  it('refuses malformed endpoints field by field', async () => {
    const cases: [object, string][] = [
      [{ url: 'not a url', events: ['*'] }, 'url'],
      [{ url: 'ftp://127.0.0.1/x', events: ['*'] }, 'url'],
      [{ url: 'http://u:p@127.0.0.1/x', events: ['*'] }, 'url'],
      [{ url: 'http://127.0.0.1/x', events: [] }, 'events'],
      [{ url: 'http://127.0.0.1/x', events: ['transaction.exploded'] }, 'events'],
      [{ url: 'http://127.0.0.1/x', events: ['user.registered', 'user.registered'] }, 'events'],
      [{ url: 'http://127.0.0.1/x' }, 'events'],
      [{ events: ['*'] }, 'url'],
      [{ url: `http://127.0.0.1/${'x'.repeat(2_100)}`, events: ['*'] }, 'url'],
      [{ url: 'http://127.0.0.1/x', events: ['*'], description: 'two\nlines' }, 'description'],
      [{ url: 'http://127.0.0.1/x', events: ['*'], secret: 'whsec_mine' }, 'secret'],
    ];
    for (const [body, field] of cases) {
      const refused = await create(body);
      expectProblem(refused, 400, 'VALIDATION_FAILED');
      expect((refused.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
    }
    const { body: endpoint } = await create({ url: 'http://127.0.0.1:9/patched', events: ['*'] }).expect(201);
    for (const [body, field] of [
      [{ events: null }, 'events'],
      [{ url: null }, 'url'],
      [{ enabled: null }, 'enabled'],
      [{ enabled: 'yes' }, 'enabled'],
      [{ events: [] }, 'events'],
    ] as [object, string][]) {
      const refused = await api.http
        .patch(`/api/v1/admin/webhooks/${endpoint.id}`)
        .set(admin.auth)
        .send(body);
      expectProblem(refused, 400, 'VALIDATION_FAILED');
      expect((refused.body.errors as { field: string }[]).map((error) => error.field)).toEqual([field]);
    }
    expectProblem(
      await api.http.get('/api/v1/admin/webhooks/not-a-uuid').set(admin.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('lists an endpoint’s deliveries, newest first, and retries one', async () => {
    const { body: endpoint } = await create({ url: 'http://127.0.0.1:9/log', events: ['*'] }).expect(201);
    // Deliveries are written by the worker's relay; here they are planted, as it would write them.
    const { rows } = await testDb().query<{ id: string }>(
      `INSERT INTO webhook_deliveries
         (endpoint_id, event_id, event_type, payload, attempt, status, response_status, error, created_at)
       VALUES ($1, gen_random_uuid(), 'user.registered', '{}', 8, 'failed', 500, 'HTTP 500', now() - interval '1 minute'),
              ($1, gen_random_uuid(), 'account.frozen', '{}', 1, 'succeeded', 204, NULL, now())
       RETURNING id`,
      [endpoint.id],
    );
    const path = `/api/v1/admin/webhooks/${endpoint.id}/deliveries`;
    const page = await api.http.get(path).set(admin.auth).expect(200);
    expect(page.body).toMatchObject({ page: 1, limit: 20, total: 2 });
    expect(page.body.items).toEqual([
      {
        id: rows[1].id,
        eventId: expect.any(String),
        eventType: 'account.frozen',
        attempt: 1,
        status: 'succeeded',
        responseStatus: 204,
        error: null,
        createdAt: expect.any(String),
        nextAttemptAt: expect.any(String),
      },
      expect.objectContaining({ id: rows[0].id, status: 'failed', responseStatus: 500, error: 'HTTP 500' }),
    ]);
    const failedOnly = await api.http.get(`${path}?status=failed`).set(admin.auth).expect(200);
    expect(failedOnly.body.items.map((item: { id: string }) => item.id)).toEqual([rows[0].id]);

    const retried = await api.http
      .post(`/api/v1/admin/webhooks/deliveries/${rows[0].id}/retry`)
      .set(admin.auth)
      .expect(200);
    expect(retried.body).toMatchObject({ id: rows[0].id, status: 'pending', attempt: 8 });
    expect(Math.abs(new Date(retried.body.nextAttemptAt).getTime() - Date.now())).toBeLessThan(60_000);

    expectProblem(
      await api.http.post(`/api/v1/admin/webhooks/deliveries/${randomUUID()}/retry`).set(admin.auth),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await api.http.get(`/api/v1/admin/webhooks/${randomUUID()}/deliveries`).set(admin.auth),
      404,
      'NOT_FOUND',
    );
  });

  it('keeps every webhook route to admins: 401 without a token, 403 for a user', async () => {
    const user = await createUser(api);
    const id = randomUUID();
    const routes: Array<[string, string, object?]> = [
      ['post', '/api/v1/admin/webhooks', { url: 'http://127.0.0.1:9/x', events: ['*'] }],
      ['get', '/api/v1/admin/webhooks'],
      ['get', `/api/v1/admin/webhooks/${id}`],
      ['patch', `/api/v1/admin/webhooks/${id}`, { enabled: false }],
      ['delete', `/api/v1/admin/webhooks/${id}`],
      ['post', `/api/v1/admin/webhooks/${id}/rotate-secret`],
      ['get', `/api/v1/admin/webhooks/${id}/deliveries`],
      ['post', `/api/v1/admin/webhooks/deliveries/${id}/retry`],
    ];
    for (const [method, path, body] of routes) {
      const call = (auth: Record<string, string> = {}) => {
        const request = api.http[method as 'get' | 'post' | 'patch' | 'delete'](path)
          .set('Idempotency-Key', newKey())
          .set(auth);
        return body ? request.send(body) : request;
      };
      expectProblem(await call(), 401, 'UNAUTHENTICATED');
      expectProblem(await call(user.auth), 403, 'FORBIDDEN');
    }
  });
});
