import { randomUUID } from 'node:crypto';
import { expectLedgerHolds } from '@wallet/testing/db';
import {
  balanceOf,
  deposit,
  freeze,
  historyOf,
  newKey,
  transfer,
  unfreeze,
  withdraw,
} from '@wallet/testing/money';
import { expectProblem } from '@wallet/testing/problems';
import { startApi, stopApi, TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser, TestUser } from '@wallet/testing/users';

describe('account administration and audit log (docs/design.md §2, §4, §5)', () => {
  let api: TestApi;
  let admin: TestUser;

  beforeAll(async () => {
    api = await startApi();
    admin = await createAdmin(api, 'auditor');
  });
  afterEach(() => expectLedgerHolds());
  afterAll(() => stopApi(api));

  const adminGet = (path: string) => api.http.get(`/api/v1/admin/${path}`).set(admin.auth);
  const act = (userId: string, action: 'activate' | 'deactivate') =>
    api.http.post(`/api/v1/admin/users/${userId}/${action}`).set(admin.auth);

  it('keeps every admin route to admins: 401 without a token, 403 for a user', async () => {
    const user = await createUser(api);
    const id = user.id;
    const routes: Array<[string, string, object?]> = [
      ['get', '/api/v1/admin/users'],
      ['get', `/api/v1/admin/users/${id}`],
      ['get', `/api/v1/admin/users/${id}/transactions`],
      ['post', `/api/v1/admin/users/${id}/deposit`, { amount: 100 }],
      ['post', `/api/v1/admin/users/${id}/freeze`, {}],
      ['post', `/api/v1/admin/users/${id}/unfreeze`, {}],
      ['post', `/api/v1/admin/users/${id}/activate`],
      ['post', `/api/v1/admin/users/${id}/deactivate`],
      ['get', '/api/v1/admin/audit-log'],
    ];
    for (const [method, path, body] of routes) {
      const anonymous = api.http[method as 'get' | 'post'](path).set('Idempotency-Key', newKey());
      expectProblem(await (body ? anonymous.send(body) : anonymous), 401, 'UNAUTHENTICATED');
      const asUser = api.http[method as 'get' | 'post'](path).set(user.auth).set('Idempotency-Key', newKey());
      expectProblem(await (body ? asUser.send(body) : asUser), 403, 'FORBIDDEN');
    }
    const after = await adminGet(`users/${id}`).expect(200);
    expect(after.body).toMatchObject({ status: 'active', frozen: false, balance: 0 });
  });

  it('shows a user with their wallet, and an admin without one', async () => {
    const user = await createUser(api);
    await deposit(api, admin, user.id, 1_234).expect(201);
    const shown = await adminGet(`users/${user.id}`).expect(200);
    expect(shown.body).toEqual({
      id: user.id,
      name: user.name,
      email: user.email,
      role: 'user',
      status: 'active',
      createdAt: expect.any(String),
      walletId: expect.any(String),
      balance: 1_234,
      frozen: false,
      frozenReason: null,
    });
    const adminShown = await adminGet(`users/${admin.id}`).expect(200);
    expect(adminShown.body).toMatchObject({ role: 'admin', walletId: null, balance: null, frozen: null });
    expect(JSON.stringify([shown.body, adminShown.body])).not.toMatch(/password|argon2/i);
  });

  it('freezes: every money move in or out fails with its FAILED row, reads still work; unfreeze restores', async () => {
    const user = await createUser(api, 'frozen');
    const friend = await createUser(api, 'friend');
    await deposit(api, admin, user.id, 5_000).expect(201);
    await deposit(api, admin, friend.id, 5_000).expect(201);

    const frozen = await freeze(api, admin, user.id, 'Card reported stolen').expect(200);
    expect(frozen.body).toMatchObject({ id: user.id, frozen: true, frozenReason: 'Card reported stolen' });

    expectProblem(await withdraw(api, user, 100), 422, 'WALLET_FROZEN');
    expectProblem(await transfer(api, user, friend.email, 100), 422, 'WALLET_FROZEN');
    expectProblem(await transfer(api, friend, user.email, 100), 422, 'RECIPIENT_UNAVAILABLE');
    expectProblem(await deposit(api, admin, user.id, 100), 422, 'WALLET_FROZEN');

    // The frozen user still signs in and reads.
    await api.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const wallet = await api.http.get('/api/v1/wallet').set(user.auth).expect(200);
    expect(wallet.body).toMatchObject({ frozen: true, frozenReason: 'Card reported stolen', balance: 5_000 });
    const failed = await historyOf(api, user, '?status=FAILED');
    expect(failed.items.map((row) => [row.type, row.failureReason])).toEqual([
      ['deposit', 'WALLET_FROZEN'],
      ['transfer_out', 'WALLET_FROZEN'],
      ['withdraw', 'WALLET_FROZEN'],
    ]);
    expect((await historyOf(api, friend, '?status=FAILED')).items).toEqual([
      expect.objectContaining({ type: 'transfer_out', failureReason: 'RECIPIENT_UNAVAILABLE' }),
    ]);

    const unfrozen = await unfreeze(api, admin, user.id).expect(200);
    expect(unfrozen.body).toMatchObject({ frozen: false, frozenReason: null });
    await withdraw(api, user, 100).expect(201);
    await transfer(api, user, friend.email, 100).expect(201);
    await transfer(api, friend, user.email, 50).expect(201);
    await deposit(api, admin, user.id, 10).expect(201);
    expect(await balanceOf(api, user)).toBe(5_000 - 100 - 100 + 50 + 10);
  });

  it('deactivation stops a live token at its next request; activation lets the user back in', async () => {
    const user = await createUser(api);
    await api.http.get('/api/v1/auth/me').set(user.auth).expect(200);
    const deactivated = await act(user.id, 'deactivate').expect(200);
    expect(deactivated.body).toMatchObject({ id: user.id, status: 'inactive' });

    expectProblem(await api.http.get('/api/v1/wallet').set(user.auth), 401, 'UNAUTHENTICATED');
    const credentials = { email: user.email, password: user.password };
    expectProblem(await api.http.post('/api/v1/auth/login').send(credentials), 403, 'ACCOUNT_INACTIVE');
    // There is no way back without an admin.
    expectProblem(
      await api.http.post(`/api/v1/admin/users/${user.id}/activate`).set(user.auth),
      401,
      'UNAUTHENTICATED',
    );

    const activated = await act(user.id, 'activate').expect(200);
    expect(activated.body.status).toBe('active');
    const login = await api.http.post('/api/v1/auth/login').send(credentials).expect(200);
    await api.http.get('/api/v1/wallet').auth(login.body.accessToken, { type: 'bearer' }).expect(200);
  });

  it('repeats of an action in effect answer 200 and change nothing, with no second audit row', async () => {
    const user = await createUser(api);
    const auditRowsFor = async () =>
      (await adminGet(`audit-log?targetUserId=${user.id}`).expect(200)).body.items;

    await freeze(api, admin, user.id, 'first').expect(200);
    const again = await freeze(api, admin, user.id, 'second').expect(200);
    expect(again.body).toMatchObject({ frozen: true, frozenReason: 'first' });
    await unfreeze(api, admin, user.id).expect(200);
    await unfreeze(api, admin, user.id).expect(200);
    await act(user.id, 'activate').expect(200);
    await act(user.id, 'deactivate').expect(200);
    await act(user.id, 'deactivate').expect(200);
    expect((await auditRowsFor()).map((entry: { action: string }) => entry.action)).toEqual([
      'deactivate',
      'unfreeze',
      'freeze',
    ]);
  });

  it('refuses unknown, malformed and admin targets with clear codes', async () => {
    const unknown = randomUUID();
    for (const path of [`users/${unknown}`, `users/${unknown}/transactions`]) {
      expectProblem(await adminGet(path), 404, 'NOT_FOUND');
    }
    expectProblem(await freeze(api, admin, unknown), 404, 'NOT_FOUND');
    expectProblem(await act(unknown, 'activate'), 404, 'NOT_FOUND');
    expectProblem(await adminGet('users/not-a-uuid'), 400, 'VALIDATION_FAILED');
    expectProblem(await freeze(api, admin, '123'), 400, 'VALIDATION_FAILED');

    const otherAdmin = await createAdmin(api);
    expectProblem(await freeze(api, admin, otherAdmin.id), 422, 'ADMIN_ACCOUNT');
    expectProblem(await act(otherAdmin.id, 'deactivate'), 422, 'ADMIN_ACCOUNT');
    expectProblem(await act(admin.id, 'deactivate'), 422, 'ADMIN_ACCOUNT');
    expectProblem(await adminGet(`users/${otherAdmin.id}/transactions`), 422, 'ADMIN_ACCOUNT');
    await api.http.get('/api/v1/auth/me').set(otherAdmin.auth).expect(200);

    const user = await createUser(api);
    expectProblem(await freeze(api, admin, user.id, ''), 400, 'VALIDATION_FAILED');
    expectProblem(await freeze(api, admin, user.id, 'x'.repeat(501)), 400, 'VALIDATION_FAILED');
    const extra = await api.http
      .post(`/api/v1/admin/users/${user.id}/freeze`)
      .set(admin.auth)
      .send({ frozen: false });
    expectProblem(extra, 400, 'VALIDATION_FAILED');
  });

  it('searches users by part of a name or email, ignoring case, and pages', async () => {
    const tag = randomUUID().slice(0, 8);
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await createUser(api, `find${tag}`));
    const byEmail = await adminGet(`users?search=FIND${tag.toUpperCase()}`).expect(200);
    expect(byEmail.body.total).toBe(3);
    expect(byEmail.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
      created.map((user) => user.id).sort(),
    );
    const paged = await adminGet(`users?search=find${tag}&limit=2&page=2`).expect(200);
    expect(paged.body).toMatchObject({ page: 2, limit: 2, total: 3 });
    expect(paged.body.items).toHaveLength(1);
    expect(
      (await adminGet(`users?search=${encodeURIComponent(created[0].email.split('@')[0].slice(-10))}`)).body
        .total,
    ).toBe(1);
    expect((await adminGet('users?search=%25')).body.total).toBe(0); // '%' is a literal, not a wildcard
    const all = await adminGet('users?limit=100').expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(4);
    expectProblem(await adminGet('users?limit=500'), 400, 'VALIDATION_FAILED');
  });

  it("reads any user's history", async () => {
    const user = await createUser(api);
    await deposit(api, admin, user.id, 700).expect(201);
    await withdraw(api, user, 200).expect(201);
    const history = await adminGet(`users/${user.id}/transactions?type=withdraw`).expect(200);
    expect(history.body).toMatchObject({
      total: 1,
      items: [expect.objectContaining({ type: 'withdraw', amount: 200 })],
    });
  });

  it('records every admin action in the audit log with the acting admin', async () => {
    const other = await createAdmin(api, 'second-admin');
    const user = await createUser(api, 'audited');
    const deposited = await deposit(api, admin, user.id, 2_500).expect(201);
    await freeze(api, other, user.id, 'Chargeback').expect(200);
    const refused = await deposit(api, admin, user.id, 100);
    expectProblem(refused, 422, 'WALLET_FROZEN');
    await unfreeze(api, other, user.id).expect(200);
    await api.http.post(`/api/v1/admin/users/${user.id}/deactivate`).set(other.auth).expect(200);
    await act(user.id, 'activate').expect(200);

    const log = await adminGet('audit-log?limit=100').expect(200);
    const entries = log.body.items.filter(
      (entry: { targetUserId: string }) => entry.targetUserId === user.id,
    );
    expect(entries).toEqual([
      expect.objectContaining({ action: 'activate', adminId: admin.id, adminName: admin.name, detail: null }),
      expect.objectContaining({ action: 'deactivate', adminId: other.id, adminName: other.name }),
      expect.objectContaining({ action: 'unfreeze', adminId: other.id }),
      expect.objectContaining({
        action: 'deposit',
        adminId: admin.id,
        detail: `$1.00 refused: WALLET_FROZEN (transaction ${refused.body.transactionId})`,
      }),
      expect.objectContaining({ action: 'freeze', adminId: other.id, detail: 'Chargeback' }),
      expect.objectContaining({
        action: 'deposit',
        adminId: admin.id,
        targetUserName: user.name,
        detail: `$25.00 deposited (transaction ${deposited.body.id})`,
        createdAt: expect.any(String),
      }),
    ]);
    expect(log.body).toMatchObject({ page: 1, limit: 100, total: expect.any(Number) });
  });

  it("filters the audit log to one user's actions, paged, newest first", async () => {
    const [user, bystander] = [await createUser(api), await createUser(api)];
    await freeze(api, admin, user.id, 'Review').expect(200);
    await freeze(api, admin, bystander.id).expect(200);
    await unfreeze(api, admin, user.id).expect(200);
    await deposit(api, admin, user.id, 700).expect(201);

    // Upper case is the same id, as in paths.
    const first = await adminGet(`audit-log?targetUserId=${user.id.toUpperCase()}&limit=2`).expect(200);
    expect(first.body).toMatchObject({ page: 1, limit: 2, total: 3 });
    expect(first.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'deposit',
      'unfreeze',
    ]);
    const second = await adminGet(`audit-log?targetUserId=${user.id}&limit=2&page=2`).expect(200);
    expect(second.body.items).toEqual([
      expect.objectContaining({ action: 'freeze', targetUserId: user.id, detail: 'Review' }),
    ]);

    const nobody = await adminGet(`audit-log?targetUserId=${randomUUID()}`).expect(200);
    expect(nobody.body).toMatchObject({ items: [], total: 0 });
    const malformed = await adminGet('audit-log?targetUserId=42');
    expectProblem(malformed, 400, 'VALIDATION_FAILED');
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({ field: 'targetUserId', messages: ['targetUserId must be a UUID'] }),
    ]);
  });

  // In the contract project: every answer of the corrections routes checked against openapi.json.
  it('reverses a transfer and answers balances, filtered history and statements as the spec says (docs/design.md §13)', async () => {
    const [sender, recipient] = [await createUser(api, 'sender'), await createUser(api, 'payee')];
    await deposit(api, admin, sender.id, 5_000).expect(201);
    const sent = await api.http
      .post('/api/v1/wallet/transfer')
      .set(sender.auth)
      .set('Idempotency-Key', newKey())
      .send({ recipientEmail: recipient.email, amount: 1_200, memo: 'Rent' })
      .expect(201);
    expect(sent.body).toMatchObject({ memo: 'Rent', reversesId: null, reversedById: null });
    const reverse = (id: string, reason = 'Sent to the wrong person') =>
      api.http
        .post(`/api/v1/admin/transactions/${id}/reverse`)
        .set(admin.auth)
        .set('Idempotency-Key', newKey())
        .send({ reason });
    const reversal = await reverse(sent.body.id).expect(201);
    expect(reversal.body).toMatchObject({ type: 'reversal', reversesId: sent.body.id, balanceAfter: 5_000 });
    expectProblem(await reverse(sent.body.id), 409, 'ALREADY_REVERSED');
    expectProblem(await reverse(reversal.body.id), 422, 'NOT_REVERSIBLE');
    expectProblem(await reverse(randomUUID()), 404, 'NOT_FOUND');
    const [recipientReversal, incoming] = (await historyOf(api, recipient)).items;
    await withdraw(api, sender, 4_000).expect(201);
    const senderDeposit = (await historyOf(api, sender, '?type=deposit')).items[0];
    expectProblem(await reverse(String(senderDeposit.id)), 422, 'INSUFFICIENT_FUNDS');
    expect(incoming).toMatchObject({ type: 'transfer_in', memo: 'Rent', reversedById: recipientReversal.id });
    expect(recipientReversal).toMatchObject({ type: 'reversal', reversesId: incoming.id, balanceAfter: 0 });

    const from = '2020-01-01T00:00:00Z';
    const to = new Date(Date.now() + 60_000).toISOString();
    const filtered = await adminGet(
      `users/${sender.id}/transactions?from=${from}&to=${to}&minAmount=1000&maxAmount=5000`,
    ).expect(200);
    expect(filtered.body.items.map((row: { type: string }) => row.type)).toEqual([
      'withdraw',
      'reversal',
      'transfer_out',
      'deposit',
    ]);
    expect((await adminGet(`users/${sender.id}/balance?at=${to}`).expect(200)).body).toEqual({
      at: to,
      balance: 1_000,
    });
    const own = await api.http.get(`/api/v1/wallet/balance?at=${from}`).set(sender.auth).expect(200);
    expect(own.body).toEqual({ at: '2020-01-01T00:00:00.000Z', balance: 0 });
    const statement = await adminGet(`users/${sender.id}/statement?from=${from}&to=${to}`).expect(200);
    expect(statement.body).toMatchObject({ openingBalance: 0, closingBalance: 1_000 });
    expect(statement.body.items).toHaveLength(4);
    await api.http.get(`/api/v1/wallet/statement?from=${from}&to=${to}`).set(recipient.auth).expect(200);
    const csv = await api.http
      .get(`/api/v1/wallet/statement.csv?from=${from}&to=${to}`)
      .set(sender.auth)
      .expect(200);
    expect(csv.text.split('\r\n')[0]).toBe(
      'id,createdAt,type,status,amount,balanceAfter,counterparty,memo,failureReason',
    );
    await adminGet(`users/${recipient.id}/statement.csv?from=${from}&to=${to}`).expect(200);
    expectProblem(await adminGet(`users/${sender.id}/balance?at=yesterday`), 400, 'VALIDATION_FAILED');
  });
});
