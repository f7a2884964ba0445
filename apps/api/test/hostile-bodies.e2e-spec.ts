import { expectProblem } from '@wallet/testing/problems';
import { newKey } from '@wallet/testing/money';
import { startApi, TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser, TestUser } from '@wallet/testing/users';

/** Requests found by the reliability suite's fuzzer (scenario 7) to break the API. */
describe('hostile bodies and URLs are a problem+json 400, never a 500 (docs/design.md §5)', () => {
  let api: TestApi;
  let user: TestUser;

  beforeAll(async () => {
    api = await startApi();
    user = await createUser(api);
  });
  afterAll(() => api.close());

  const raw = (path: string, body: string) =>
    api.http
      .post(path)
      .set(user.auth)
      .set('Idempotency-Key', newKey())
      .set('Content-Type', 'application/json')
      .send(body);

  it.each([
    ['arrays', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
    ['objects', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`],
    ['a field', `{"amount": ${'['.repeat(1_000)}${']'.repeat(1_000)}}`],
  ])('refuses deeply nested %s on a money move', async (_, body) => {
    const response = await raw('/api/v1/wallet/withdraw', body);
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual([{ field: 'body', messages: [expect.stringMatching(/nested/)] }]);
  });

  it.each([
    ['/api/v1/wallet/transfer', '{"recipientEmail": "\\ud800", "amount": 1}'],
    ['/api/v1/auth/login', '{"email": "a\\udfff@example.com", "password": "x"}'],
  ])('refuses text that is not well-formed Unicode on %s', async (path, body) => {
    const response = await raw(path, body);
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      { field: 'body', messages: ['must be well-formed Unicode text without NUL characters'] },
    ]);
  });

  it('refuses NUL characters, which Postgres cannot store, in bodies and query strings', async () => {
    const admin = await createAdmin(api);
    const freeze = await api.http
      .post(`/api/v1/admin/users/${user.id}/freeze`)
      .set(admin.auth)
      .send({ reason: 'stop\u0000' });
    expectProblem(freeze, 400, 'VALIDATION_FAILED');
    const search = await api.http.get('/api/v1/admin/users?search=%00').set(admin.auth);
    expectProblem(search, 400, 'VALIDATION_FAILED');
    expect(search.body.errors).toEqual([{ field: 'query', messages: [expect.stringMatching(/NUL/)] }]);
    const register = await api.http
      .post('/api/v1/auth/register')
      .send({ name: 'Nul\u0000', email: `nul-${newKey()}@example.com`, password: 'correct horse battery' });
    expectProblem(register, 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['a malformed percent-encoding', '/api/v1/admin/users/%zz'],
    ['a truncated UTF-8 sequence', '/api/v1/admin/users/%E0%A4%A/transactions'],
    ['a path parameter over 100 characters', `/api/v1/admin/users/${'x'.repeat(101)}`],
  ])("answers %s with problem+json, not the router's own error", async (_, path) => {
    const response = await api.http.get(path).set(user.auth);
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.text).not.toContain('FST_ERR');
  });

  it('still takes a body with charset parameters and prototype keys as before', async () => {
    const charset = await api.http
      .post('/api/v1/wallet/withdraw')
      .set(user.auth)
      .set('Idempotency-Key', newKey())
      .set('Content-Type', 'application/json; charset=utf-8')
      .send('{"amount": 1}');
    expectProblem(charset, 422, 'INSUFFICIENT_FUNDS');
    expectProblem(
      await raw('/api/v1/wallet/withdraw', '{"__proto__": {"x": 1}, "amount": 1}'),
      400,
      'VALIDATION_FAILED',
    );
  });
});
