import { expectProblem } from '@wallet/testing/problems';
import { startApi, TestApi } from '@wallet/testing/test-app';
import { newUserBody } from '@wallet/testing/users';

describe('bad input on the auth routes is a clear 4xx (docs/design.md §5)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const register = (body: unknown) => api.http.post('/api/v1/auth/register').send(body as object);

  it.each([
    ['an unknown field', { ...newUserBody(), role: 'admin' }, 'role'],
    ['a number for the name', { ...newUserBody(), name: 42 }, 'name'],
    ['a malformed email', { ...newUserBody(), email: 'not-an-email' }, 'email'],
    ['a short password', { ...newUserBody(), password: 'short' }, 'password'],
    ['an empty name', { ...newUserBody(), name: '   ' }, 'name'],
    ['a missing password', { name: 'A', email: 'a@example.com' }, 'password'],
  ])('refuses %s', async (_, body, field) => {
    const response = await register(body);
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses a body that is not an object', async () => {
    expectProblem(await register([newUserBody()]), 400, 'VALIDATION_FAILED');
    expectProblem(
      await api.http.post('/api/v1/auth/register').set('Content-Type', 'application/json').send('"text"'),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses malformed JSON', async () => {
    const response = await api.http
      .post('/api/v1/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expectProblem(response, 400, 'VALIDATION_FAILED');
  });

  it('refuses a missing body', async () => {
    expectProblem(await api.http.post('/api/v1/auth/login'), 400, 'VALIDATION_FAILED');
  });

  it('refuses a body over 100 kB with 413', async () => {
    const response = await register({ ...newUserBody(), name: 'x'.repeat(110 * 1024) });
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await api.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'text/plain')
      .send('hello');
    expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown route with 404 problem+json', async () => {
    expectProblem(await api.http.get('/api/v1/nowhere'), 404, 'NOT_FOUND');
  });

  it('carries a correlation id on every answer', async () => {
    const response = await api.http.get('/api/v1/nowhere').set('X-Request-Id', 'trace-123');
    expect(response.headers['x-request-id']).toBe('trace-123');
  });
});
