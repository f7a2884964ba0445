import { randomUUID } from 'node:crypto';
import type { TestApi } from './test-app';
import { createUser, type TestUser } from './users';

export const newKey = () => randomUUID();

export function deposit(api: TestApi, admin: TestUser, userId: string, amount: unknown, key = newKey()) {
  return api.http
    .post(`/api/v1/admin/users/${userId}/deposit`)
    .set(admin.auth)
    .set('Idempotency-Key', key)
    .send({ amount });
}

export function withdraw(api: TestApi, user: TestUser, amount: unknown, key = newKey()) {
  return api.http.post('/api/v1/wallet/withdraw').set(user.auth).set('Idempotency-Key', key).send({ amount });
}

export function transfer(
  api: TestApi,
  from: TestUser,
  recipientEmail: string,
  amount: unknown,
  key = newKey(),
) {
  return api.http
    .post('/api/v1/wallet/transfer')
    .set(from.auth)
    .set('Idempotency-Key', key)
    .send({ recipientEmail, amount });
}

export async function balanceOf(api: TestApi, user: TestUser): Promise<number> {
  const response = await api.http.get('/api/v1/wallet').set(user.auth).expect(200);
  return response.body.balance as number;
}

export async function historyOf(api: TestApi, user: TestUser, query = '') {
  const response = await api.http.get(`/api/v1/wallet/transactions${query}`).set(user.auth).expect(200);
  return response.body as { items: Record<string, unknown>[]; page: number; limit: number; total: number };
}

export function freeze(api: TestApi, admin: TestUser, userId: string, reason?: string) {
  return api.http
    .post(`/api/v1/admin/users/${userId}/freeze`)
    .set(admin.auth)
    .send(reason === undefined ? {} : { reason });
}

export function unfreeze(api: TestApi, admin: TestUser, userId: string) {
  return api.http.post(`/api/v1/admin/users/${userId}/unfreeze`).set(admin.auth);
}

/** A new user whose wallet already holds `cents`, deposited by `admin`. */
export async function fundedUser(
  api: TestApi,
  admin: TestUser,
  cents: number,
  label = 'user',
): Promise<TestUser> {
  const user = await createUser(api, label);
  if (cents > 0) await deposit(api, admin, user.id, cents).expect(201);
  return user;
}
