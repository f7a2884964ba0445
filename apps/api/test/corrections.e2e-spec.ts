import { randomUUID } from 'node:crypto';
import { closeTestDb, expectLedgerHolds, testDb } from '@wallet/testing/db';
import { balanceOf, deposit, freeze, historyOf, newKey, transfer, withdraw } from '@wallet/testing/money';
import { expectProblem } from '@wallet/testing/problems';
import { startApi, type TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser, type TestUser } from '@wallet/testing/users';
import { sleep } from '@wallet/testing/wait';

type Row = Record<string, unknown> & { id: string; createdAt: string; balanceAfter: number };

const CSV_HEADER = 'id,createdAt,type,status,amount,balanceAfter,counterparty,memo,failureReason';

/** `-12.34` → -1234, read digit by digit (never through a float). */
function dollarsToCents(text: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a statement amount: ${text}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
}

/** RFC 4180 records of a CSV body (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += char;
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

const later = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

describe('corrections, memos, statements (docs/design.md §13)', () => {
  let api: TestApi;
  let admin: TestUser;

  beforeAll(async () => {
    api = await startApi();
    admin = await createAdmin(api, 'corrector');
  });
  afterEach(() => expectLedgerHolds());
  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  const reverse = (transactionId: string, reason = 'Typed with an extra zero', key = newKey()) =>
    api.http
      .post(`/api/v1/admin/transactions/${transactionId}/reverse`)
      .set(admin.auth)
      .set('Idempotency-Key', key)
      .send({ reason });
  const adminGet = (path: string) => api.http.get(`/api/v1/admin/${path}`).set(admin.auth);
  const rowsOf = async (user: TestUser, query = '?limit=100') =>
    (await historyOf(api, user, query)).items as Row[];
  const rowById = async (user: TestUser, id: string) => (await rowsOf(user)).find((row) => row.id === id)!;
  /** A funded user and the deposit that funded them. */
  const funded = async (amount: number, label = 'user') => {
    const user = await createUser(api, label);
    const funding = (await deposit(api, admin, user.id, amount).expect(201)).body as Row;
    return { user, funding };
  };

  describe('memo', () => {
    it('is carried on both legs of a transfer and shown in both histories', async () => {
      const { user: sender } = await funded(5_000, 'sender');
      const recipient = await createUser(api, 'recipient');
      const sent = await api.http
        .post('/api/v1/wallet/transfer')
        .set(sender.auth)
        .set('Idempotency-Key', newKey())
        .send({ recipientEmail: recipient.email, amount: 1_250, memo: '  Rent, "March"  ' })
        .expect(201);
      expect(sent.body).toMatchObject({ type: 'transfer_out', memo: 'Rent, "March"', reversesId: null });
      const [incoming] = await rowsOf(recipient);
      expect(incoming).toMatchObject({
        type: 'transfer_in',
        memo: 'Rent, "March"',
        transferId: sent.body.transferId,
        reversedById: null,
      });
      expect((await rowById(sender, sent.body.id)).memo).toBe('Rent, "March"');

      const plain = await transfer(api, sender, recipient.email, 100).expect(201);
      expect(plain.body.memo).toBeNull();
    });

    it.each([
      ['empty', ''],
      ['blank', '   '],
      ['too long', 'x'.repeat(141)],
      ['a line break', 'one\ntwo'],
      ['a text-direction override', 'pay\u202Eme'],
      ['not text', 42],
    ])('refuses a memo that is %s (400, nothing moves)', async (_, memo) => {
      const { user: sender } = await funded(1_000, 'sender');
      const recipient = await createUser(api, 'recipient');
      const response = await api.http
        .post('/api/v1/wallet/transfer')
        .set(sender.auth)
        .set('Idempotency-Key', newKey())
        .send({ recipientEmail: recipient.email, amount: 100, memo });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'memo' })]);
      expect(await balanceOf(api, sender)).toBe(1_000);
    });

    it('takes 140 characters', async () => {
      const { user: sender } = await funded(1_000, 'sender');
      const recipient = await createUser(api, 'recipient');
      const memo = 'é'.repeat(140);
      const response = await api.http
        .post('/api/v1/wallet/transfer')
        .set(sender.auth)
        .set('Idempotency-Key', newKey())
        .send({ recipientEmail: recipient.email, amount: 100, memo })
        .expect(201);
      expect(response.body.memo).toBe(memo);
    });
  });

  describe('reversal', () => {
    it('reverses a deposit: a reversal row takes the money back, the original shows it, audited', async () => {
      const { user, funding } = await funded(2_500);
      const reversed = await reverse(funding.id, 'Deposited to the wrong user').expect(201);
      expect(reversed.body).toEqual({
        id: expect.any(String),
        type: 'reversal',
        amount: 2_500,
        status: 'SUCCESS',
        failureReason: null,
        counterpartyName: admin.name,
        balanceAfter: 0,
        transferId: null,
        memo: 'Deposited to the wrong user',
        reversesId: funding.id,
        reversedById: null,
        createdAt: expect.any(String),
      });
      expect(await balanceOf(api, user)).toBe(0);
      const [reversal, original] = await rowsOf(user);
      expect(reversal).toMatchObject({ id: reversed.body.id, type: 'reversal', reversesId: funding.id });
      expect(original).toMatchObject({
        id: funding.id,
        type: 'deposit',
        amount: 2_500,
        balanceAfter: 2_500,
        status: 'SUCCESS',
        reversedById: reversed.body.id,
      });
      const log = (await adminGet(`audit-log?targetUserId=${user.id}`).expect(200)).body.items;
      expect(log[0]).toMatchObject({ action: 'reverse', adminId: admin.id, targetUserId: user.id });
      expect(log[0].detail).toContain('$25.00 deposit reversed: Deposited to the wrong user');
      expect(log[0].detail).toContain(funding.id);
    });

    it('reverses a withdrawal: the money comes back, and the day keeps counting what was withdrawn', async () => {
      const { user } = await funded(5_000);
      const taken = (await withdraw(api, user, 3_000).expect(201)).body as Row;
      const reversed = await reverse(taken.id).expect(201);
      expect(reversed.body).toMatchObject({ type: 'reversal', amount: 3_000, balanceAfter: 5_000 });
      expect(await balanceOf(api, user)).toBe(5_000);
      const wallet = await api.http.get('/api/v1/wallet').set(user.auth).expect(200);
      // Reversals count toward no daily limit: neither as use nor as use given back.
      expect(wallet.body.limits.withdraw).toMatchObject({ used: 3_000, remaining: 7_000 });
      expect((await rowById(user, taken.id)).reversedById).toBe(reversed.body.id);
    });

    it('reverses a transfer on both legs, whichever leg is named, and answers the named wallet’s row', async () => {
      const { user: sender } = await funded(4_000, 'sender');
      const recipient = await createUser(api, 'recipient');
      const sent = (await transfer(api, sender, recipient.email, 1_500).expect(201)).body as Row;
      const incoming = (await rowsOf(recipient))[0];

      const reversed = await reverse(incoming.id, 'Sent by mistake').expect(201);
      expect(reversed.body).toMatchObject({
        type: 'reversal',
        amount: 1_500,
        balanceAfter: 0,
        reversesId: incoming.id,
        counterpartyName: sender.name,
        memo: 'Sent by mistake',
      });
      expect(await balanceOf(api, sender)).toBe(4_000);
      expect(await balanceOf(api, recipient)).toBe(0);
      const [senderReversal] = await rowsOf(sender);
      expect(senderReversal).toMatchObject({
        type: 'reversal',
        amount: 1_500,
        balanceAfter: 4_000,
        reversesId: sent.id,
        counterpartyName: recipient.name,
      });
      expect((await rowById(sender, sent.id)).reversedById).toBe(senderReversal.id);
      expect((await rowById(recipient, incoming.id)).reversedById).toBe(reversed.body.id);

      // Naming the other leg now: the transfer is already reversed.
      expectProblem(await reverse(sent.id), 409, 'ALREADY_REVERSED');
      // Neither leg's day usage changes: the sender's transfer still counts toward today.
      const wallet = await api.http.get('/api/v1/wallet').set(sender.auth).expect(200);
      expect(wallet.body.limits.transfer.used).toBe(1_500);
    });

    it('corrects a frozen wallet', async () => {
      const { user, funding } = await funded(2_000);
      await freeze(api, admin, user.id, 'Under review').expect(200);
      await reverse(funding.id).expect(201);
      expect(await balanceOf(api, user)).toBe(0);
    });

    it('refuses a FAILED row or a reversal row: 422 NOT_REVERSIBLE, nothing moves', async () => {
      const { user, funding } = await funded(1_000);
      const failed = await withdraw(api, user, 5_000);
      expectProblem(failed, 422, 'INSUFFICIENT_FUNDS');
      expectProblem(await reverse(failed.body.transactionId), 422, 'NOT_REVERSIBLE');
      const { user: other, funding: otherFunding } = await funded(700);
      const reversal = (await reverse(otherFunding.id).expect(201)).body as Row;
      expectProblem(await reverse(reversal.id), 422, 'NOT_REVERSIBLE');
      expect(await balanceOf(api, user)).toBe(1_000);
      expect(await balanceOf(api, other)).toBe(0);
      expect((await rowById(user, funding.id)).reversedById).toBeNull();
    });

    it('refuses a second reversal: 409 ALREADY_REVERSED', async () => {
      const { user, funding } = await funded(1_000);
      await reverse(funding.id).expect(201);
      const again = await reverse(funding.id);
      expectProblem(again, 409, 'ALREADY_REVERSED');
      expect(again.body.transactionId).toBeUndefined();
      expect(await balanceOf(api, user)).toBe(0);
      expect((await rowsOf(user)).filter((row) => row.type === 'reversal')).toHaveLength(1);
    });

    it('refuses a reversal that would take a wallet below zero: 422 INSUFFICIENT_FUNDS, nothing moves', async () => {
      const { user, funding } = await funded(1_000, 'spender');
      await withdraw(api, user, 600).expect(201);
      const refused = await reverse(funding.id);
      expectProblem(refused, 422, 'INSUFFICIENT_FUNDS');
      expect(await balanceOf(api, user)).toBe(400);
      expect((await rowsOf(user)).map((row) => row.type)).toEqual(['withdraw', 'deposit']);

      // A transfer whose recipient has spent the money: neither leg moves.
      const { user: sender } = await funded(1_000, 'sender');
      const recipient = await createUser(api, 'recipient');
      const sent = (await transfer(api, sender, recipient.email, 800).expect(201)).body as Row;
      await withdraw(api, recipient, 500).expect(201);
      expectProblem(await reverse(sent.id), 422, 'INSUFFICIENT_FUNDS');
      expect([await balanceOf(api, sender), await balanceOf(api, recipient)]).toEqual([200, 300]);
      const log = (await adminGet(`audit-log?targetUserId=${sender.id}`).expect(200)).body.items;
      expect(log[0]).toMatchObject({ action: 'reverse' });
      expect(log[0].detail).toContain('reversal of $8.00 transfer_out refused: INSUFFICIENT_FUNDS');
    });

    it('answers 404 for an unknown row, 400 for a bad id, reason or key, 403 for a user', async () => {
      expectProblem(await reverse(randomUUID()), 404, 'NOT_FOUND');
      expectProblem(await reverse('not-a-uuid'), 400, 'VALIDATION_FAILED');
      const { user, funding } = await funded(1_000);
      for (const reason of ['', 'a'.repeat(501), 'two\nlines', undefined]) {
        const response = await api.http
          .post(`/api/v1/admin/transactions/${funding.id}/reverse`)
          .set(admin.auth)
          .set('Idempotency-Key', newKey())
          .send(reason === undefined ? {} : { reason });
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      }
      const unknownField = await api.http
        .post(`/api/v1/admin/transactions/${funding.id}/reverse`)
        .set(admin.auth)
        .set('Idempotency-Key', newKey())
        .send({ reason: 'x', amount: 1 });
      expectProblem(unknownField, 400, 'VALIDATION_FAILED');
      const noKey = await api.http
        .post(`/api/v1/admin/transactions/${funding.id}/reverse`)
        .set(admin.auth)
        .send({ reason: 'x' });
      expectProblem(noKey, 400, 'IDEMPOTENCY_KEY_MISSING');
      const asUser = await api.http
        .post(`/api/v1/admin/transactions/${funding.id}/reverse`)
        .set(user.auth)
        .set('Idempotency-Key', newKey())
        .send({ reason: 'x' });
      expectProblem(asUser, 403, 'FORBIDDEN');
      expect(await balanceOf(api, user)).toBe(1_000);
    });

    it('is idempotent: the same key replays the same answer, and reverses once', async () => {
      const { user, funding } = await funded(3_000);
      const key = newKey();
      const first = await reverse(funding.id, 'Duplicate deposit', key).expect(201);
      const replay = await reverse(funding.id, 'Duplicate deposit', key).expect(201);
      expect(replay.headers['idempotency-replayed']).toBe('true');
      expect(first.headers['idempotency-replayed']).toBeUndefined();
      expect(replay.body).toEqual(first.body);
      expectProblem(await reverse(funding.id, 'Another reason', key), 422, 'IDEMPOTENCY_KEY_REUSED');
      expect((await rowsOf(user)).filter((row) => row.type === 'reversal')).toHaveLength(1);
      expect(await balanceOf(api, user)).toBe(0);

      // A refusal is stored and replayed too.
      const refusalKey = newKey();
      expectProblem(await reverse(funding.id, 'again', refusalKey), 409, 'ALREADY_REVERSED');
      const refusalReplay = await reverse(funding.id, 'again', refusalKey);
      expectProblem(refusalReplay, 409, 'ALREADY_REVERSED');
      expect(refusalReplay.headers['idempotency-replayed']).toBe('true');
    });

    it('runs N concurrent identical reversals (one key) once', async () => {
      const { user, funding } = await funded(2_000);
      const key = newKey();
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => reverse(funding.id, 'Same request', key)),
      );
      const ran = answers.filter(
        (answer) => answer.status === 201 && !answer.headers['idempotency-replayed'],
      );
      expect(ran).toHaveLength(1);
      for (const answer of answers) {
        if (answer.status === 201) expect(answer.body).toEqual(ran[0].body);
        else expectProblem(answer, 409, 'IDEMPOTENCY_KEY_IN_USE');
      }
      expect((await rowsOf(user)).filter((row) => row.type === 'reversal')).toHaveLength(1);
      expect(await balanceOf(api, user)).toBe(0);
    });

    it('of N concurrent reversals of one row, exactly one wins; the others are 409 ALREADY_REVERSED', async () => {
      const { user: sender } = await funded(5_000, 'sender');
      const recipient = await createUser(api, 'recipient');
      const sent = (await transfer(api, sender, recipient.email, 2_000).expect(201)).body as Row;
      const incoming = (await rowsOf(recipient))[0];
      // Both legs named, with different keys, all at once.
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => reverse(i % 2 === 0 ? sent.id : incoming.id)),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      for (const answer of answers.filter((one) => one.status === 409))
        expectProblem(answer, 409, 'ALREADY_REVERSED');
      expect([await balanceOf(api, sender), await balanceOf(api, recipient)]).toEqual([5_000, 0]);
      const { rows } = await testDb().query(
        `SELECT count(*)::int AS n FROM transactions WHERE reverses_id = ANY($1::uuid[])`,
        [[sent.id, incoming.id]],
      );
      expect(rows[0].n).toBe(2);
    });

    it('racing transfers out of the wallet, never leaves it negative', async () => {
      for (let round = 0; round < 5; round++) {
        const { user, funding } = await funded(1_000, 'racer');
        const other = await createUser(api, 'other');
        const [reversal, sent] = await Promise.all([
          reverse(funding.id),
          transfer(api, user, other.email, 1_000),
        ]);
        // One of the two took the money; the other found it gone.
        expect([reversal.status, sent.status].sort()).toEqual([201, 422]);
        if (reversal.status === 422) expectProblem(reversal, 422, 'INSUFFICIENT_FUNDS');
        else expectProblem(sent, 422, 'INSUFFICIENT_FUNDS');
        expect(await balanceOf(api, user)).toBe(0);
        expect(await balanceOf(api, other)).toBe(sent.status === 201 ? 1_000 : 0);
      }
    });

    it('moves the versions the owners’ caches are validated against', async () => {
      const { user, funding } = await funded(1_500);
      // Warm the owner's cache, then reverse behind it.
      expect((await rowsOf(user, '')).map((row) => row.type)).toEqual(['deposit']);
      expect(await balanceOf(api, user)).toBe(1_500);
      await reverse(funding.id).expect(201);
      expect(await balanceOf(api, user)).toBe(0);
      expect((await rowsOf(user, '')).map((row) => row.type)).toEqual(['reversal', 'deposit']);
    });
  });

  describe('history filters, balance at an instant, statements', () => {
    /** Three deposits and a withdrawal, a few milliseconds apart, then the rows oldest first. */
    async function ledgerOfFour() {
      const user = await createUser(api, 'saver');
      await deposit(api, admin, user.id, 1_000).expect(201);
      await sleep(15);
      await deposit(api, admin, user.id, 2_000).expect(201);
      await sleep(15);
      const failed = await withdraw(api, user, 5_000);
      expectProblem(failed, 422, 'INSUFFICIENT_FUNDS');
      await sleep(15);
      await withdraw(api, user, 500).expect(201);
      const rows = (await rowsOf(user)).reverse();
      expect(rows.map((row) => [row.type, row.status])).toEqual([
        ['deposit', 'SUCCESS'],
        ['deposit', 'SUCCESS'],
        ['withdraw', 'FAILED'],
        ['withdraw', 'SUCCESS'],
      ]);
      return { user, rows };
    }
    const query = (params: Record<string, string | number>) =>
      '?' +
      new URLSearchParams(
        Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]),
      ).toString();

    it('filters history by the half-open range [from, to) and by amount, for users and admins', async () => {
      const { user, rows } = await ledgerOfFour();
      const ids = async (params: Record<string, string | number>) =>
        (await historyOf(api, user, query(params))).items.map((row) => row.id);
      // from is included, to is not.
      expect(await ids({ from: rows[1].createdAt, to: rows[3].createdAt })).toEqual([rows[2].id, rows[1].id]);
      expect(await ids({ from: later(rows[1].createdAt, 1) })).toEqual([rows[3].id, rows[2].id]);
      expect(await ids({ to: later(rows[0].createdAt, 1) })).toEqual([rows[0].id]);
      expect(await ids({ to: rows[0].createdAt })).toEqual([]);
      expect(await ids({ minAmount: 1_000, maxAmount: 2_000 })).toEqual([rows[1].id, rows[0].id]);
      expect(await ids({ minAmount: 2_000, maxAmount: 2_000, type: 'deposit' })).toEqual([rows[1].id]);
      const page = await historyOf(api, user, query({ from: rows[1].createdAt, limit: 1 }));
      expect(page).toMatchObject({ total: 3, limit: 1, page: 1 });

      const adminPage = await adminGet(
        `users/${user.id}/transactions${query({ from: rows[1].createdAt, to: rows[3].createdAt, status: 'SUCCESS' })}`,
      ).expect(200);
      expect(adminPage.body.items.map((row: Row) => row.id)).toEqual([rows[1].id]);
    });

    it.each([
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2026-02-30T00:00:00Z' }, 'to'],
      [{ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to'],
      [{ from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to'],
      [{ minAmount: 'ten' }, 'minAmount'],
      [{ minAmount: 1.5 }, 'minAmount'],
      [{ maxAmount: -1 }, 'maxAmount'],
      [{ minAmount: 500, maxAmount: 100 }, 'maxAmount'],
    ])('refuses history filters %p with a 400 naming %s', async (params, field) => {
      const user = await createUser(api);
      const response = await api.http.get(`/api/v1/wallet/transactions${query(params)}`).set(user.auth);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    });

    it('answers the balance at an instant from the last SUCCESS row at or before it', async () => {
      const { user, rows } = await ledgerOfFour();
      const balanceAt = async (at: string) => {
        const response = await api.http
          .get(`/api/v1/wallet/balance${query({ at })}`)
          .set(user.auth)
          .expect(200);
        expect(response.body.at).toBe(new Date(at).toISOString());
        return response.body.balance as number;
      };
      expect(await balanceAt(later(rows[0].createdAt, -1))).toBe(0);
      expect(await balanceAt('2000-01-01')).toBe(0);
      expect(await balanceAt(rows[0].createdAt)).toBe(1_000);
      // Between two rows: what the earlier one left.
      const between = new Date(
        (new Date(rows[0].createdAt).getTime() + new Date(rows[1].createdAt).getTime()) / 2,
      ).toISOString();
      expect(between > rows[0].createdAt && between < rows[1].createdAt).toBe(true);
      expect(await balanceAt(between)).toBe(1_000);
      expect(await balanceAt(rows[1].createdAt)).toBe(3_000);
      // The FAILED row moves nothing.
      expect(await balanceAt(rows[2].createdAt)).toBe(3_000);
      expect(await balanceAt(rows[3].createdAt)).toBe(2_500);
      expect(await balanceAt(later(rows[3].createdAt, 60_000))).toBe(2_500);

      const asAdmin = await adminGet(`users/${user.id}/balance${query({ at: between })}`).expect(200);
      expect(asAdmin.body).toEqual({ at: between, balance: 1_000 });
      expectProblem(await adminGet(`users/${randomUUID()}/balance?at=${between}`), 404, 'NOT_FOUND');
      expectProblem(await adminGet(`users/${admin.id}/balance?at=${between}`), 422, 'ADMIN_ACCOUNT');
      for (const bad of ['', '?at=', '?at=now', '?at=2026-01-01T25:00:00Z']) {
        const response = await api.http.get(`/api/v1/wallet/balance${bad}`).set(user.auth);
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'at' })]);
      }
    });

    it('gives a JSON statement: every row of [from, to) oldest first, between its opening and closing balances', async () => {
      const { user, rows } = await ledgerOfFour();
      const range = { from: rows[1].createdAt, to: rows[3].createdAt };
      const statement = await api.http
        .get(`/api/v1/wallet/statement${query(range)}`)
        .set(user.auth)
        .expect(200);
      expect(statement.headers['content-type']).toMatch(/^application\/json/);
      expect(statement.body).toEqual({
        from: range.from,
        to: range.to,
        openingBalance: 1_000,
        closingBalance: 3_000,
        items: [rows[1], rows[2]],
      });
      const whole = await adminGet(
        `users/${user.id}/statement${query({ from: '2000-01-01T00:00:00Z', to: later(rows[3].createdAt, 1) })}`,
      ).expect(200);
      expect(whole.body).toMatchObject({ openingBalance: 0, closingBalance: 2_500, items: rows });
      const empty = await api.http
        .get(`/api/v1/wallet/statement${query({ from: '2000-01-01', to: '2000-01-02' })}`)
        .set(user.auth)
        .expect(200);
      expect(empty.body).toEqual({
        from: '2000-01-01T00:00:00.000Z',
        to: '2000-01-02T00:00:00.000Z',
        openingBalance: 0,
        closingBalance: 0,
        items: [],
      });
      for (const bad of ['', `?from=${range.from}`, `?from=${range.to}&to=${range.from}`]) {
        expectProblem(
          await api.http.get(`/api/v1/wallet/statement${bad}`).set(user.auth),
          400,
          'VALIDATION_FAILED',
        );
      }
    });

    it('gives a CSV statement whose rows sum from the opening to the closing balance', async () => {
      const user = await createUser(api, 'csv');
      const other = await createUser(api, 'other');
      await deposit(api, admin, user.id, 12_345).expect(201);
      await sleep(5);
      const from = new Date().toISOString();
      await sleep(5);
      await api.http
        .post('/api/v1/wallet/transfer')
        .set(user.auth)
        .set('Idempotency-Key', newKey())
        .send({ recipientEmail: other.email, amount: 2_001, memo: '=cmd, "the" memo' })
        .expect(201);
      expectProblem(await transfer(api, user, user.email, 100), 422, 'SELF_TRANSFER');
      const taken = (await withdraw(api, user, 44).expect(201)).body as Row;
      await reverse(taken.id, 'Cash machine fault').expect(201);
      await deposit(api, admin, other.id, 5).expect(201);
      const back = (await transfer(api, other, user.email, 1_000).expect(201)).body as Row;
      await sleep(5);
      const to = new Date().toISOString();
      await deposit(api, admin, user.id, 7).expect(201); // after the range

      const response = await api.http
        .get(`/api/v1/wallet/statement.csv${query({ from, to })}`)
        .set(user.auth)
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="statement-.*\.csv"$/);
      const [header, ...lines] = parseCsv(response.text);
      expect(header.join(',')).toBe(CSV_HEADER);
      expect(response.text.startsWith(`${CSV_HEADER}\r\n`)).toBe(true);
      const json = await api.http
        .get(`/api/v1/wallet/statement${query({ from, to })}`)
        .set(user.auth)
        .expect(200);
      expect(json.body).toMatchObject({ openingBalance: 12_345, closingBalance: 12_345 - 2_001 + 1_000 });
      const items = json.body.items as Row[];
      expect(lines.map((line) => line[0])).toEqual(items.map((item) => item.id));
      expect(lines.map((line) => line.slice(2, 5))).toEqual([
        ['transfer_out', 'SUCCESS', '-20.01'],
        ['transfer_out', 'FAILED', '-1.00'],
        ['withdraw', 'SUCCESS', '-0.44'],
        ['reversal', 'SUCCESS', '0.44'],
        ['transfer_in', 'SUCCESS', '10.00'],
      ]);
      const [sent] = lines;
      expect(sent[6]).toBe(other.name);
      expect(sent[7]).toBe(`'=cmd, "the" memo`);
      expect(response.text).toContain(`"'=cmd, ""the"" memo"`);
      expect(lines[1][8]).toBe('SELF_TRANSFER');
      expect(lines[3][7]).toBe('Cash machine fault');
      expect(lines[4][1]).toBe(back.createdAt);
      // The SUCCESS rows sum from the opening to the closing balance, each leaving its balanceAfter.
      let running = json.body.openingBalance as number;
      for (const line of lines) {
        if (line[3] === 'SUCCESS') running += dollarsToCents(line[4]);
        expect(dollarsToCents(line[5])).toBe(running);
      }
      expect(running).toBe(json.body.closingBalance);

      const asAdmin = await adminGet(`users/${user.id}/statement.csv${query({ from, to })}`).expect(200);
      expect(asAdmin.text).toBe(response.text);
      expectProblem(
        await adminGet(`users/${admin.id}/statement.csv${query({ from, to })}`),
        422,
        'ADMIN_ACCOUNT',
      );
      expectProblem(
        await api.http.get('/api/v1/wallet/statement.csv?from=x&to=y').set(user.auth),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api.http.get(`/api/v1/wallet/statement.csv${query({ from, to })}`).set(admin.auth),
        403,
        'FORBIDDEN',
      );
    });

    it('streams a long statement in chunks, every row once, in ledger order', async () => {
      const user = await createUser(api, 'long');
      const { rows } = await testDb().query<{ id: string }>(`SELECT id FROM wallets WHERE user_id = $1`, [
        user.id,
      ]);
      // 1,234 rows written straight into the ledger (more than two chunks), with their balances,
      // several sharing an instant (ties ordered by seq, as history orders them).
      await testDb().query(
        `WITH moves AS (
           SELECT n, timestamptz '2025-06-01T00:00:00Z' + (n / 3) * interval '1 second' AS at FROM generate_series(1, 1234) n)
         INSERT INTO transactions (wallet_id, type, amount, status, balance_after, created_at, counterparty_user_id)
         SELECT $1, 'deposit', 1, 'SUCCESS', n, at, $2 FROM moves ORDER BY n`,
        [rows[0].id, admin.id],
      );
      await testDb().query(`UPDATE wallets SET balance = 1234 WHERE id = $1`, [rows[0].id]);
      const response = await api.http
        .get(
          `/api/v1/wallet/statement.csv${query({ from: '2025-06-01T00:00:00Z', to: '2025-07-01T00:00:00Z' })}`,
        )
        .set(user.auth)
        .expect(200);
      const [, ...lines] = parseCsv(response.text);
      expect(lines).toHaveLength(1234);
      expect(lines.map((line) => dollarsToCents(line[5]))).toEqual(
        Array.from({ length: 1234 }, (_, i) => i + 1),
      );
      const json = await api.http
        .get(`/api/v1/wallet/statement${query({ from: '2025-06-01T00:00:01Z', to: '2025-06-01T00:00:02Z' })}`)
        .set(user.auth)
        .expect(200);
      expect(json.body).toMatchObject({ openingBalance: 2, closingBalance: 5 });
      expect(json.body.items.map((item: Row) => item.balanceAfter)).toEqual([3, 4, 5]);
    });

    it('reads balances and statement chunks through the wallet index, without sorting', async () => {
      const client = await testDb().connect();
      try {
        await client.query('BEGIN');
        // On a small test table a sequential scan can be cheaper; what matters is that the index
        // serves these queries in their order at all.
        await client.query('SET LOCAL enable_seqscan = off');
        // A bitmap scan reads the same index but gives up its order; on the run's small, fresh
        // tables the planner may prefer it and sort. The question is whether the index serves
        // the order, so the plain index scan is the one left.
        await client.query('SET LOCAL enable_bitmapscan = off');
        const plan = async (sql: string) =>
          JSON.stringify((await client.query(`EXPLAIN (FORMAT JSON) ${sql}`)).rows[0]['QUERY PLAN']);
        const wallet = randomUUID();
        const balance = await plan(
          `SELECT balance_after FROM transactions WHERE wallet_id = '${wallet}' AND created_at < now() AND status = 'SUCCESS'
           ORDER BY created_at DESC, seq DESC LIMIT 1`,
        );
        expect(balance).toContain('"Index Name":"transactions_by_wallet"');
        expect(balance).toContain('"Scan Direction":"Backward"');
        expect(balance).not.toContain('"Node Type":"Sort"');
        const chunk = await plan(
          `SELECT t.id FROM transactions t
           WHERE t.wallet_id = '${wallet}' AND (t.created_at, t.seq) > (now() - interval '1 year', 0) AND t.created_at < now()
           ORDER BY t.created_at, t.seq LIMIT 500`,
        );
        expect(chunk).toContain('"Index Name":"transactions_by_wallet"');
        expect(chunk).not.toContain('"Node Type":"Sort"');
        const reversedBy = await plan(`SELECT id FROM transactions WHERE reverses_id = '${wallet}'`);
        expect(reversedBy).toContain('"Index Name":"transactions_reversed_once"');
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    });
  });
});
