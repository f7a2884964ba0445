import { closeTestDb, expectLedgerHolds } from '@wallet/testing/db';
import { balanceOf, deposit, freeze, historyOf, newKey, transfer } from '@wallet/testing/money';
import { expectProblem } from '@wallet/testing/problems';
import { startApi, TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser, TestUser } from '@wallet/testing/users';

const THRESHOLD = 100_000;

describe('four eyes on deposits (docs/design.md §15)', () => {
  let api: TestApi;
  let maker: TestUser;
  let checker: TestUser;
  let otherChecker: TestUser;

  beforeAll(async () => {
    // Transfers above the threshold too, for the reversal of one.
    api = await startApi({ APPROVAL_THRESHOLD: String(THRESHOLD), DAILY_TRANSFER_LIMIT: '1000000' });
    [maker, checker, otherChecker] = [
      await createAdmin(api, 'maker'),
      await createAdmin(api, 'checker'),
      await createAdmin(api, 'checker2'),
    ];
  });
  afterEach(() => expectLedgerHolds());
  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  const approve = (admin: TestUser, id: string) =>
    api.http.post(`/api/v1/admin/approvals/${id}/approve`).set(admin.auth);
  const reject = (admin: TestUser, id: string, reason: unknown = 'Not agreed with finance') =>
    api.http.post(`/api/v1/admin/approvals/${id}/reject`).set(admin.auth).send({ reason });
  const list = async (query: string) =>
    (await api.http.get(`/api/v1/admin/approvals${query}`).set(checker.auth).expect(200)).body as {
      items: Array<Record<string, unknown>>;
      total: number;
    };
  const auditOf = async (userId: string) =>
    (await api.http.get(`/api/v1/admin/audit-log?targetUserId=${userId}`).set(checker.auth).expect(200)).body
      .items as Array<{ action: string; adminId: string; detail: string }>;

  it('runs a deposit up to the threshold at once', async () => {
    const user = await createUser(api);
    const answer = await deposit(api, maker, user.id, THRESHOLD).expect(201);
    expect(answer.body).toMatchObject({ type: 'deposit', amount: THRESHOLD, status: 'SUCCESS' });
    expect(await balanceOf(api, user)).toBe(THRESHOLD);
    expect((await list(`?targetUserId=${user.id}`)).total).toBe(0);
  });

  it('requests a deposit above it, which moves nothing until another admin approves', async () => {
    const user = await createUser(api);
    const key = newKey();
    const requested = await deposit(api, maker, user.id, THRESHOLD + 1, key);
    expect(requested.status).toBe(202);
    expect(requested.body).toEqual({
      id: expect.any(String),
      kind: 'deposit',
      status: 'pending',
      requestedBy: maker.id,
      requestedByName: maker.name,
      targetUserId: user.id,
      targetUserName: user.name,
      targetTransactionId: null,
      amount: THRESHOLD + 1,
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      reason: null,
      transactionId: null,
      requestReason: null,
      createdAt: expect.any(String),
    });
    const id = requested.body.id as string;
    expect(await balanceOf(api, user)).toBe(0);
    expect((await historyOf(api, user)).total).toBe(0);

    // A retry with the same key is the same request, answered as the first time.
    const retried = await deposit(api, maker, user.id, THRESHOLD + 1, key);
    expect(retried.status).toBe(202);
    expect(retried.headers['idempotency-replayed']).toBe('true');
    expect(retried.body).toEqual(requested.body);
    const pending = await list(`?status=pending&targetUserId=${user.id}`);
    expect(pending.items).toEqual([requested.body]);

    expectProblem(await approve(maker, id), 403, 'SELF_APPROVAL');
    expectProblem(await reject(maker, id), 403, 'SELF_APPROVAL');
    expect(await balanceOf(api, user)).toBe(0);

    const approved = await approve(checker, id).expect(201);
    expect(approved.body).toMatchObject({
      type: 'deposit',
      amount: THRESHOLD + 1,
      status: 'SUCCESS',
      balanceAfter: THRESHOLD + 1,
      counterpartyName: maker.name, // the ledger names who asked
    });
    expect(await balanceOf(api, user)).toBe(THRESHOLD + 1);

    expectProblem(await approve(otherChecker, id), 409, 'APPROVAL_DECIDED');
    expectProblem(await reject(otherChecker, id), 409, 'APPROVAL_DECIDED');
    expect(await balanceOf(api, user)).toBe(THRESHOLD + 1);

    const [decided] = (await list(`?status=approved&targetUserId=${user.id}`)).items;
    expect(decided).toMatchObject({
      id,
      status: 'approved',
      decidedBy: checker.id,
      decidedByName: checker.name,
      decidedAt: expect.any(String),
      transactionId: approved.body.id,
    });
    expect((await list(`?status=pending&targetUserId=${user.id}`)).total).toBe(0);

    const audit = await auditOf(user.id);
    expect(audit.map(({ action, adminId }) => [action, adminId])).toEqual([
      ['approval_approved', checker.id],
      ['deposit', maker.id],
      ['approval_requested', maker.id],
    ]);
    expect(audit[0].detail).toContain(maker.name);
    expect(audit[0].detail).toContain(approved.body.id);
  });

  it('deposits exactly once when two admins approve at the same moment', async () => {
    const user = await createUser(api);
    const requested = await deposit(api, maker, user.id, 250_000).expect(202);
    const answers = await Promise.all([
      approve(checker, requested.body.id),
      approve(otherChecker, requested.body.id),
      approve(checker, requested.body.id),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    for (const refused of answers.filter((answer) => answer.status === 409)) {
      expectProblem(refused, 409, 'APPROVAL_DECIDED');
    }
    expect(await balanceOf(api, user)).toBe(250_000);
    const history = await historyOf(api, user);
    expect(history.items.map((row) => [row.type, row.amount, row.status])).toEqual([
      ['deposit', 250_000, 'SUCCESS'],
    ]);
  });

  it('moves nothing for a rejected request, and keeps the reason', async () => {
    const user = await createUser(api);
    const requested = await deposit(api, maker, user.id, 500_000).expect(202);
    expectProblem(await reject(checker, requested.body.id, ''), 400, 'VALIDATION_FAILED');
    const rejected = await reject(checker, requested.body.id, '  Not agreed with finance ').expect(200);
    expect(rejected.body).toMatchObject({
      id: requested.body.id,
      status: 'rejected',
      decidedBy: checker.id,
      reason: 'Not agreed with finance',
      transactionId: null,
    });
    expectProblem(await approve(otherChecker, requested.body.id), 409, 'APPROVAL_DECIDED');
    expect(await balanceOf(api, user)).toBe(0);
    expect((await historyOf(api, user)).total).toBe(0);
    expect((await auditOf(user.id)).map(({ action }) => action)).toEqual([
      'approval_rejected',
      'approval_requested',
    ]);
  });

  it('decides the request even when a rule refuses the move at approval time', async () => {
    const user = await createUser(api);
    const requested = await deposit(api, maker, user.id, 300_000).expect(202);
    await freeze(api, checker, user.id, 'under review').expect(200);
    const refused = await approve(checker, requested.body.id);
    expectProblem(refused, 422, 'WALLET_FROZEN');
    expect(refused.body.transactionId).toEqual(expect.any(String));
    const [decided] = (await list(`?targetUserId=${user.id}`)).items;
    expect(decided).toMatchObject({ status: 'approved', transactionId: refused.body.transactionId });
    expect(await balanceOf(api, user)).toBe(0);
    expectProblem(await approve(otherChecker, requested.body.id), 409, 'APPROVAL_DECIDED');
  });

  it('refuses a request for nobody, or for an admin, as the deposit would', async () => {
    expectProblem(
      await deposit(api, maker, '00000000-0000-4000-8000-000000000000', 500_000),
      404,
      'NOT_FOUND',
    );
    expectProblem(await deposit(api, maker, checker.id, 500_000), 422, 'ADMIN_ACCOUNT');
    expectProblem(await approve(checker, '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expectProblem(await approve(checker, 'not-a-uuid'), 400, 'VALIDATION_FAILED');
    expectProblem(
      await api.http.get('/api/v1/admin/approvals?status=maybe').set(checker.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('keeps the approval routes to admins', async () => {
    const user = await createUser(api);
    const requested = await deposit(api, maker, user.id, 200_000).expect(202);
    expectProblem(await api.http.get('/api/v1/admin/approvals').set(user.auth), 403, 'FORBIDDEN');
    expectProblem(await approve(user, requested.body.id), 403, 'FORBIDDEN');
    expectProblem(
      await api.http.post(`/api/v1/admin/approvals/${requested.body.id}/approve`),
      401,
      'UNAUTHENTICATED',
    );
    expect(await balanceOf(api, user)).toBe(0);
  });

  describe('reversals (docs/design.md §13)', () => {
    const reverse = (
      admin: TestUser,
      transactionId: string,
      reason = 'Deposited to the wrong account',
      key = newKey(),
    ) =>
      api.http
        .post(`/api/v1/admin/transactions/${transactionId}/reverse`)
        .set(admin.auth)
        .set('Idempotency-Key', key)
        .send({ reason });

    /** A user holding `amount`, deposited by two admins' say when it is above the threshold. */
    const funded = async (amount: number) => {
      const user = await createUser(api);
      const answer = await deposit(api, maker, user.id, amount);
      if (answer.status === 202) {
        const approved = await approve(checker, answer.body.id).expect(201);
        return { user, depositId: approved.body.id as string };
      }
      expect(answer.status).toBe(201);
      return { user, depositId: answer.body.id as string };
    };

    it('runs a reversal of up to the threshold at once', async () => {
      const { user, depositId } = await funded(THRESHOLD);
      const answer = await reverse(maker, depositId).expect(201);
      expect(answer.body).toMatchObject({ type: 'reversal', amount: THRESHOLD, reversesId: depositId });
      expect(await balanceOf(api, user)).toBe(0);
    });

    it('requests a reversal above it, which moves nothing until another admin approves, once', async () => {
      const { user, depositId } = await funded(400_000);
      const key = newKey();
      const requested = await reverse(maker, depositId, 'Deposited to the wrong account', key);
      expect(requested.status).toBe(202);
      expect(requested.body).toMatchObject({
        kind: 'reversal',
        status: 'pending',
        requestedBy: maker.id,
        targetUserId: user.id,
        targetTransactionId: depositId,
        amount: 400_000,
        requestReason: 'Deposited to the wrong account',
      });
      const retried = await reverse(maker, depositId, 'Deposited to the wrong account', key);
      expect([retried.status, retried.headers['idempotency-replayed'], retried.body]).toEqual([
        202,
        'true',
        requested.body,
      ]);
      expect(await balanceOf(api, user)).toBe(400_000);
      expectProblem(await approve(maker, requested.body.id), 403, 'SELF_APPROVAL');

      const answers = await Promise.all([
        approve(checker, requested.body.id),
        approve(otherChecker, requested.body.id),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
      const approved = answers.find((answer) => answer.status === 201)!;
      expect(approved.body).toMatchObject({ type: 'reversal', amount: 400_000, reversesId: depositId });
      expect(await balanceOf(api, user)).toBe(0);
      const reversals = (await historyOf(api, user)).items.filter((row) => row.type === 'reversal');
      expect(reversals).toHaveLength(1);
      expect((await auditOf(user.id)).slice(0, 3).map(({ action, adminId }) => [action, adminId])).toEqual([
        ['approval_approved', approved === answers[0] ? checker.id : otherChecker.id],
        ['reverse', maker.id],
        ['approval_requested', maker.id],
      ]);
    });

    it('reverses both legs of a transfer above the threshold once approved, and nothing when rejected', async () => {
      const { user: sender } = await funded(600_000);
      const recipient = await createUser(api);
      const sent = await transfer(api, sender, recipient.email, 200_000).expect(201);
      const rejected = await reverse(maker, sent.body.id).expect(202);
      await reject(checker, rejected.body.id, 'The transfer was agreed').expect(200);
      expect([await balanceOf(api, sender), await balanceOf(api, recipient)]).toEqual([400_000, 200_000]);

      const requested = await reverse(maker, sent.body.id).expect(202);
      await approve(otherChecker, requested.body.id).expect(201);
      expect([await balanceOf(api, sender), await balanceOf(api, recipient)]).toEqual([600_000, 0]);
    });

    it('decides a request whose reversal is refused when it runs, moving nothing', async () => {
      const { user, depositId } = await funded(300_000);
      const [first, second] = [
        await reverse(maker, depositId).expect(202),
        await reverse(maker, depositId, 'Asked twice').expect(202),
      ];
      await approve(checker, first.body.id).expect(201);
      expectProblem(await approve(checker, second.body.id), 409, 'ALREADY_REVERSED');
      const [decided] = (await list(`?targetUserId=${user.id}&status=approved`)).items.filter(
        (item) => item.id === second.body.id,
      );
      expect(decided).toMatchObject({ status: 'approved', transactionId: null });
      expect(await balanceOf(api, user)).toBe(0);
      expectProblem(await reverse(maker, '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    });
  });
});
