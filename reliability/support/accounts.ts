import { randomUUID } from 'node:crypto';
import { bearer, HttpClient } from './http';
import { runSettings } from './settings';

export interface Account {
  id: string;
  name: string;
  email: string;
  password: string;
  role: 'user' | 'admin';
  token: string;
  auth: Record<string, string>;
}

export const newKey = (): string => randomUUID();

function expectStatus(what: string, status: number, expected: number, text: string): void {
  if (status !== expected) throw new Error(`${what} answered ${status}, expected ${expected}: ${text}`);
}

/** Signs in again (a new session) and returns the account with its fresh token. */
export async function signIn(http: HttpClient, account: Account): Promise<Account> {
  const path = account.role === 'admin' ? '/api/v1/auth/admin/login' : '/api/v1/auth/login';
  const answer = await http.request({
    method: 'POST',
    path,
    body: { email: account.email, password: account.password },
  });
  expectStatus(`sign-in of ${account.email}`, answer.status, 200, answer.text);
  const token = String(answer.body.accessToken);
  return { ...account, token, auth: bearer(token) };
}

/** Registers and signs in a user or (with the run's admin secret) an admin. */
export async function createAccount(
  http: HttpClient,
  role: 'user' | 'admin' = 'user',
  label: string = role,
): Promise<Account> {
  const body = {
    name: `Reliability ${label}`,
    email: `${label}-${randomUUID().slice(0, 12)}@example.com`,
    password: 'correct horse battery staple',
  };
  const registered = await http.request({
    method: 'POST',
    path: role === 'admin' ? '/api/v1/auth/admin/register' : '/api/v1/auth/register',
    headers: role === 'admin' ? { 'x-admin-secret': runSettings().adminSecret } : {},
    body,
  });
  expectStatus(`registration of ${body.email}`, registered.status, 201, registered.text);
  return signIn(http, { id: String(registered.body.id), ...body, role, token: '', auth: {} });
}

/** An admin deposit that must succeed; its ledger row's id. */
export async function fund(
  http: HttpClient,
  admin: Account,
  userId: string,
  amount: number,
): Promise<string> {
  const answer = await http.request({
    method: 'POST',
    path: `/api/v1/admin/users/${userId}/deposit`,
    headers: { ...admin.auth, 'idempotency-key': newKey() },
    body: { amount },
  });
  expectStatus(`deposit to ${userId}`, answer.status, 201, answer.text);
  return String(answer.body.id);
}

/**
 * `count` users registered and signed in, at most `concurrency` at a time, as `${prefix}0`, … ;
 * user `i` through `httpOf(i)` (one API instance, or several in turn).
 */
export function createUsers(
  count: number,
  prefix: string,
  httpOf: (i: number) => HttpClient,
  concurrency = 4,
): Promise<Account[]> {
  return mapLimit(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    (i) => createAccount(httpOf(i), 'user', `${prefix}${i}`),
  );
}

/** Admin deposits of `amount` to each account, one after the other, that must all succeed. */
export async function fundAll(
  http: HttpClient,
  admin: Account,
  accounts: readonly Account[],
  amount: number,
): Promise<void> {
  for (const account of accounts) await fund(http, admin, account.id, amount);
}

/** Runs `task` over `items` with at most `concurrency` at once, keeping the order of results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}
