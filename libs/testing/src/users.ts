import { randomUUID } from 'node:crypto';
import { ADMIN_SECRET, startApi, type TestApi } from './test-app';

export interface TestUser {
  id: string;
  name: string;
  email: string;
  password: string;
  token: string;
  auth: { Authorization: string };
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

export function newUserBody(label = 'user') {
  return { name: `Test ${label}`, email: uniqueEmail(label), password: 'correct horse battery' };
}

async function signIn(api: TestApi, path: string, body: { email: string; password: string }) {
  const response = await api.http.post(path).send({ email: body.email, password: body.password }).expect(200);
  return response.body.accessToken as string;
}

/** Registers and signs in a user with a fresh email. */
export async function createUser(api: TestApi, label = 'user'): Promise<TestUser> {
  const body = newUserBody(label);
  const registered = await api.http.post('/api/v1/auth/register').send(body).expect(201);
  const token = await signIn(api, '/api/v1/auth/login', body);
  return { id: registered.body.id, ...body, token, auth: { Authorization: `Bearer ${token}` } };
}

/** Registers (with the admin secret) and signs in an admin. */
export async function createAdmin(api: TestApi, label = 'admin'): Promise<TestUser> {
  const body = newUserBody(label);
  const registered = await api.http
    .post('/api/v1/auth/admin/register')
    .set('X-Admin-Secret', ADMIN_SECRET)
    .send(body)
    .expect(201);
  const token = await signIn(api, '/api/v1/auth/admin/login', body);
  return { id: registered.body.id, ...body, token, auth: { Authorization: `Bearer ${token}` } };
}

/** An API (with `overrides`) and an admin signed in to it: what a file of money tests starts with. */
export async function startApiWithAdmin(
  overrides: Record<string, string> = {},
): Promise<{ api: TestApi; admin: TestUser }> {
  const api = await startApi(overrides);
  return { api, admin: await createAdmin(api) };
}
