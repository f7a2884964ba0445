import { expectLedgerHolds, testDb } from '@wallet/testing/db';
import {
  balanceOf,
  deposit,
  freeze,
  fundedUser,
  historyOf,
  newKey,
  transfer,
  withdraw,
} from '@wallet/testing/money';
import { expectProblem } from '@wallet/testing/problems';
import { startApi, stopApi, TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser, startApiWithAdmin, TestUser, uniqueEmail } from '@wallet/testing/users';

describe('money moves (docs/design.md §2, §5)', () => {
  let api: TestApi;
  let admin: TestUser;

  beforeAll(async () => ({ api, admin } = await startApiWithAdmin()));
  afterEach(() => expectLedgerHolds());
  afterAll(() => stopApi(api));

  it('runs the happy path: deposit, withdraw, transfer, wallet and history for both sides', async () => {
    const ada = await createUser(api, 'ada');
    const grace = await createUser(api, 'grace');
    const fresh = await api.http.get('/api/v1/wallet').set(ada.auth).expect(200);
    expect(fresh.body).toMatchObject({ balance: 0, currency: 'USD', frozen: false });

    const deposited = await deposit(api, admin, ada.id, 5_000).expect(201);
    expect(deposited.body).toEqual({
      id: expect.any(String),
      type: 'deposit',
      amount: 5_000,
      status: 'SUCCESS',
      failureReason: null,
      counterpartyName: admin.name,
      balanceAfter: 5_000,
      transferId: null,
      memo: null,
      reversesId: null,
      reversedById: null,
      createdAt: expect.any(String),
    });
    const withdrawn = await withdraw(api, ada, 1_000).expect(201);
    expect(withdrawn.body).toMatchObject({
      type: 'withdraw',
      amount: 1_000,
      balanceAfter: 4_000,
      counterpartyName: null,
    });
    const sent = await transfer(api, ada, grace.email.toUpperCase(), 1_500).expect(201);
    expect(sent.body).toMatchObject({
      type: 'transfer_out',
      amount: 1_500,
      status: 'SUCCESS',
      balanceAfter: 2_500,
      counterpartyName: grace.name,
      transferId: expect.any(String),
    });

    const wallet = await api.http.get('/api/v1/wallet').set(ada.auth).expect(200);
    expect(wallet.body).toEqual({
      id: expect.any(String),
      balance: 2_500,
      currency: 'USD',
      frozen: false,
      frozenReason: null,
      limits: {
        withdraw: { limit: 10_000, used: 1_000, remaining: 9_000, resetsAt: expect.any(String) },
        transfer: { limit: 10_000, used: 1_500, remaining: 8_500, resetsAt: expect.any(String) },
      },
    });
    expect(new Date(wallet.body.limits.withdraw.resetsAt).getTime()).toBeGreaterThan(Date.now());
    expect(await balanceOf(api, grace)).toBe(1_500);

    const adaHistory = await historyOf(api, ada);
    expect(adaHistory).toMatchObject({ page: 1, limit: 20, total: 3 });
    expect(
      adaHistory.items.map((row) => [row.type, row.amount, row.balanceAfter, row.counterpartyName]),
    ).toEqual([
      ['transfer_out', 1_500, 2_500, grace.name],
      ['withdraw', 1_000, 4_000, null],
      ['deposit', 5_000, 5_000, admin.name],
    ]);
    const graceHistory = await historyOf(api, grace);
    expect(graceHistory.items).toEqual([
      expect.objectContaining({
        type: 'transfer_in',
        amount: 1_500,
        balanceAfter: 1_500,
        counterpartyName: ada.name,
        transferId: sent.body.transferId,
      }),
    ]);
  });

  describe('each refused move is a 422 with its code and a FAILED row, and moves no money', () => {
    async function expectRefused(
      user: TestUser,
      response: Awaited<ReturnType<typeof withdraw>>,
      code: string,
      balance: number,
    ) {
      expectProblem(response, 422, code);
      expect(response.body.transactionId).toEqual(expect.any(String));
      const [latest] = (await historyOf(api, user)).items;
      expect(latest).toMatchObject({
        id: response.body.transactionId,
        status: 'FAILED',
        failureReason: code,
        balanceAfter: balance,
      });
      expect(await balanceOf(api, user)).toBe(balance);
    }

    it('INSUFFICIENT_FUNDS', async () => {
      const user = await fundedUser(api, admin, 500);
      await expectRefused(user, await withdraw(api, user, 501), 'INSUFFICIENT_FUNDS', 500);
      const other = await createUser(api);
      await expectRefused(user, await transfer(api, user, other.email, 501), 'INSUFFICIENT_FUNDS', 500);
      expect(await balanceOf(api, other)).toBe(0);
    });

    it('WALLET_FROZEN on withdraw, transfer out and deposit', async () => {
      const user = await fundedUser(api, admin, 5_000);
      await freeze(api, admin, user.id).expect(200);
      await expectRefused(user, await withdraw(api, user, 100), 'WALLET_FROZEN', 5_000);
      await expectRefused(user, await transfer(api, user, uniqueEmail(), 100), 'WALLET_FROZEN', 5_000);
      await expectRefused(user, await deposit(api, admin, user.id, 100), 'WALLET_FROZEN', 5_000);
    });

    it('RECIPIENT_NOT_FOUND for an unknown email and for an admin', async () => {
      const user = await fundedUser(api, admin, 5_000);
      await expectRefused(
        user,
        await transfer(api, user, uniqueEmail('nobody'), 100),
        'RECIPIENT_NOT_FOUND',
        5_000,
      );
      await expectRefused(user, await transfer(api, user, admin.email, 100), 'RECIPIENT_NOT_FOUND', 5_000);
    });

    it('SELF_TRANSFER', async () => {
      const user = await fundedUser(api, admin, 5_000);
      await expectRefused(user, await transfer(api, user, user.email, 100), 'SELF_TRANSFER', 5_000);
    });

    it('RECIPIENT_UNAVAILABLE when the recipient is frozen or inactive', async () => {
      const user = await fundedUser(api, admin, 5_000);
      const frozen = await createUser(api);
      await freeze(api, admin, frozen.id).expect(200);
      await expectRefused(user, await transfer(api, user, frozen.email, 100), 'RECIPIENT_UNAVAILABLE', 5_000);
      const inactive = await createUser(api);
      await api.http.post('/api/v1/users/me/deactivate').set(inactive.auth).expect(204);
      await expectRefused(
        user,
        await transfer(api, user, inactive.email, 100),
        'RECIPIENT_UNAVAILABLE',
        5_000,
      );
      expect(await balanceOf(api, frozen)).toBe(0);
    });

    it('DAILY_LIMIT_EXCEEDED: exactly the limit passes, one cent more does not, FAILED rows do not count', async () => {
      const user = await fundedUser(api, admin, 50_000);
      await expectRefused(user, await withdraw(api, user, 10_001), 'DAILY_LIMIT_EXCEEDED', 50_000);
      await withdraw(api, user, 6_000).expect(201);
      await withdraw(api, user, 4_000).expect(201);
      await expectRefused(user, await withdraw(api, user, 1), 'DAILY_LIMIT_EXCEEDED', 40_000);

      const other = await createUser(api);
      await expectRefused(
        user,
        await transfer(api, user, other.email, 10_001),
        'DAILY_LIMIT_EXCEEDED',
        40_000,
      );
      await transfer(api, user, other.email, 10_000).expect(201);
      await expectRefused(user, await transfer(api, user, other.email, 1), 'DAILY_LIMIT_EXCEEDED', 30_000);
      const wallet = await api.http.get('/api/v1/wallet').set(user.auth).expect(200);
      expect(wallet.body.limits).toMatchObject({
        withdraw: { used: 10_000, remaining: 0 },
        transfer: { used: 10_000, remaining: 0 },
      });
    });

    it('checks the rules in order: frozen before insufficient funds', async () => {
      const user = await fundedUser(api, admin, 0);
      await freeze(api, admin, user.id).expect(200);
      await expectRefused(user, await withdraw(api, user, 50_000), 'WALLET_FROZEN', 0);
    });
  });

  it('lets deposits exceed the daily limits', async () => {
    const user = await fundedUser(api, admin, 100_000_000);
    await deposit(api, admin, user.id, 100_000_000).expect(201);
    expect(await balanceOf(api, user)).toBe(200_000_000);
  });

  it('pages and filters history, newest first', async () => {
    const user = await fundedUser(api, admin, 3_000);
    for (const amount of [100, 200, 300]) await withdraw(api, user, amount).expect(201);
    await withdraw(api, user, 1_000_000).expect(422);

    const firstPage = await historyOf(api, user, '?limit=2');
    expect(firstPage).toMatchObject({ page: 1, limit: 2, total: 5 });
    expect(firstPage.items.map((row) => row.amount)).toEqual([1_000_000, 300]);
    const lastPage = await historyOf(api, user, '?limit=2&page=3');
    expect(lastPage.items.map((row) => row.amount)).toEqual([3_000]);
    const beyond = await historyOf(api, user, '?limit=2&page=9');
    expect(beyond).toMatchObject({ items: [], total: 5 });

    const withdrawals = await historyOf(api, user, '?type=withdraw&status=SUCCESS');
    expect(withdrawals.items.map((row) => row.amount)).toEqual([300, 200, 100]);
    expect((await historyOf(api, user, '?status=FAILED')).items).toEqual([
      expect.objectContaining({ failureReason: 'DAILY_LIMIT_EXCEEDED' }),
    ]);
    for (const query of [
      '?limit=101',
      '?limit=0',
      '?page=0',
      '?page=x',
      '?type=gift',
      '?status=ok',
      '?sort=asc',
    ]) {
      expectProblem(
        await api.http.get(`/api/v1/wallet/transactions${query}`).set(user.auth),
        400,
        'VALIDATION_FAILED',
      );
    }
  });

  describe('bad input is a 400 and moves no money', () => {
    let user: TestUser;
    let other: TestUser;

    beforeAll(async () => {
      user = await fundedUser(api, admin, 5_000);
      other = await createUser(api);
    });
    afterEach(async () => {
      expect(await balanceOf(api, user)).toBe(5_000);
      expect((await historyOf(api, user)).total).toBe(1);
    });

    it.each([
      ['a float', 10.5],
      ['a numeric string', '100'],
      ['zero', 0],
      ['a negative amount', -100],
      ['more than the maximum', 100_000_001],
      ['null', null],
      ['a missing amount', undefined],
      ['an object', { cents: 1 }],
    ])('amount as %s', async (_, amount) => {
      for (const response of [
        await withdraw(api, user, amount),
        await transfer(api, user, other.email, amount),
      ]) {
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'amount' })]);
      }
    });

    it('a malformed recipient email', async () => {
      expectProblem(await transfer(api, user, 'not-an-email', 100), 400, 'VALIDATION_FAILED');
    });

    it('fields the client may not set', async () => {
      for (const extra of [{ balance: 1 }, { status: 'SUCCESS' }, { userId: other.id }, { frozen: false }]) {
        const response = await api.http
          .post('/api/v1/wallet/withdraw')
          .set(user.auth)
          .set('Idempotency-Key', newKey())
          .send({ amount: 100, ...extra });
        expectProblem(response, 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('who may move money', () => {
    it('keeps users off the admin deposit and admins off user wallets', async () => {
      const user = await createUser(api);
      expectProblem(await deposit(api, user, user.id, 100), 403, 'FORBIDDEN');
      expectProblem(await withdraw(api, admin, 100), 403, 'FORBIDDEN');
      expectProblem(await api.http.get('/api/v1/wallet').set(admin.auth), 403, 'FORBIDDEN');
      expectProblem(await api.http.get('/api/v1/wallet'), 401, 'UNAUTHENTICATED');
      expect(await balanceOf(api, user)).toBe(0);
    });

    it('deposits only into user wallets', async () => {
      const otherAdmin = await createAdmin(api);
      expectProblem(await deposit(api, admin, otherAdmin.id, 100), 422, 'ADMIN_ACCOUNT');
      expectProblem(await deposit(api, admin, '00000000-0000-4000-8000-000000000000', 100), 404, 'NOT_FOUND');
      expectProblem(await deposit(api, admin, 'not-a-uuid', 100), 400, 'VALIDATION_FAILED');
    });
  });

  it('computes the limit day in LIMITS_TIMEZONE', async () => {
    const newYork = await startApi({ LIMITS_TIMEZONE: 'America/New_York' });
    try {
      const user = await createUser(newYork);
      const wallet = await newYork.http.get('/api/v1/wallet').set(user.auth).expect(200);
      const resetsAt = new Date(wallet.body.limits.withdraw.resetsAt);
      const localTime = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/New_York',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(resetsAt);
      expect(localTime).toBe('00:00');
      expect(resetsAt.getTime() - Date.now()).toBeGreaterThan(0);
      expect(resetsAt.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3600 * 1000);

      // The limit counts what was withdrawn since New York's midnight, not UTC's.
      const nyAdmin = await createAdmin(newYork);
      await deposit(newYork, nyAdmin, user.id, 30_000).expect(201);
      const spent = await withdraw(newYork, user, 10_000).expect(201);
      expectProblem(await withdraw(newYork, user, 1), 422, 'DAILY_LIMIT_EXCEEDED');
      // Move that withdrawal to one minute before New York's midnight: it no longer counts today.
      await testDb().query(
        `UPDATE transactions SET created_at = (date_trunc('day', now() AT TIME ZONE 'America/New_York')
           AT TIME ZONE 'America/New_York') - interval '1 minute' WHERE id = $1`,
        [spent.body.id],
      );
      await withdraw(newYork, user, 10_000).expect(201);
      expectProblem(await withdraw(newYork, user, 1), 422, 'DAILY_LIMIT_EXCEEDED');
    } finally {
      await newYork.close();
    }
  });
});
