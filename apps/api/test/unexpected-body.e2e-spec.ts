import { expectProblem } from '@wallet/testing/problems';
import { startApi, TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser } from '@wallet/testing/users';

describe('routes without a body refuse one (docs/design.md §5: unknown body fields are a 400)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('refuses fields on sign-out and does not sign out', async () => {
    const user = await createUser(api);
    const refused = await api.http.post('/api/v1/auth/logout').set(user.auth).send({ role: 'admin' });
    expectProblem(refused, 400, 'VALIDATION_FAILED');
    expect(refused.body.errors).toEqual([{ field: 'role', messages: ['property role should not exist'] }]);
    await api.http.get('/api/v1/auth/me').set(user.auth).expect(200);
  });

  it('refuses a body that is not an object', async () => {
    const user = await createUser(api);
    expectProblem(
      await api.http.post('/api/v1/auth/refresh').set(user.auth).send([1]),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses an admin action carrying fields it would ignore, and leaves the user as they were', async () => {
    const admin = await createAdmin(api);
    const user = await createUser(api);
    const refused = await api.http
      .post(`/api/v1/admin/users/${user.id}/deactivate`)
      .set(admin.auth)
      .send({ status: 'active' });
    expectProblem(refused, 400, 'VALIDATION_FAILED');
    const after = await api.http.get(`/api/v1/admin/users/${user.id}`).set(admin.auth).expect(200);
    expect(after.body.status).toBe('active');
  });

  it('still accepts no body or an empty object', async () => {
    const user = await createUser(api);
    await api.http.post('/api/v1/auth/refresh').set(user.auth).send({}).expect(200);
    await api.http.post('/api/v1/auth/logout').set(user.auth).expect(204);
  });
});
