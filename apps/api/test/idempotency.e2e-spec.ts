import { expectLedgerHolds, testDb } from '@wallet/testing/db';
import { balanceOf, deposit, fundedUser, historyOf, newKey, transfer, withdraw } from '@wallet/testing/money';
import { expectProblem } from '@wallet/testing/problems';
import { stopApi, TestApi } from '@wallet/testing/test-app';
import { createUser, startApiWithAdmin, TestUser } from '@wallet/testing/users';

/**
 * Makes `event` on `table` fail with `sqlstate` for rows matching `condition`, `times` times.
 * A sequence counts the failures because it survives the rollbacks they cause.
 */
async function injectFault(
  table: string,
  event: 'INSERT' | 'UPDATE',
  condition: string,
  sqlstate: string,
  times: number,
) {
  const db = testDb();
  const name = `fault_${Math.random().toString(36).slice(2)}`;
  await db.query(`CREATE SEQUENCE ${name}`);
  await db.query(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (${condition}) AND nextval('${name}') <= ${times} THEN
        RAISE EXCEPTION 'injected fault' USING ERRCODE = '${sqlstate}';
      END IF;
      RETURN NEW;
    END $$`);
  await db.query(
    `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await db.query(`DROP TRIGGER ${name} ON ${table}`);
    await db.query(`DROP FUNCTION ${name}()`);
    await db.query(`DROP SEQUENCE ${name}`);
  };
}
const ledgerRowOf = (user: TestUser) =>
  `NEW.wallet_id = (SELECT id FROM wallets WHERE user_id = '${user.id}')`;

describe('idempotency (docs/design.md §3)', () => {
  let api: TestApi;
  let admin: TestUser;

  beforeAll(async () => ({ api, admin } = await startApiWithAdmin()));
  afterEach(() => expectLedgerHolds());
  afterAll(() => stopApi(api));

  it('replays a finished request with the same status and body', async () => {
    const user = await fundedUser(api, admin, 5_000);
    const key = newKey();
    const first = await withdraw(api, user, 1_000, key).expect(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    const again = await withdraw(api, user, 1_000, key).expect(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await balanceOf(api, user)).toBe(4_000);
    expect((await historyOf(api, user, '?type=withdraw')).total).toBe(1);
  });

  it('replays a refused move: the same 422 and transactionId, and no second FAILED row', async () => {
    const user = await fundedUser(api, admin, 500);
    const key = newKey();
    const first = await withdraw(api, user, 900, key);
    expectProblem(first, 422, 'INSUFFICIENT_FUNDS');
    const again = await withdraw(api, user, 900, key);
    expectProblem(again, 422, 'INSUFFICIENT_FUNDS');
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await historyOf(api, user, '?status=FAILED')).total).toBe(1);
  });

  it('refuses the same key with a different body, route or target, executing nothing', async () => {
    const user = await fundedUser(api, admin, 5_000);
    const other = await createUser(api);
    const key = newKey();
    await withdraw(api, user, 1_000, key).expect(201);
    expectProblem(await withdraw(api, user, 1_001, key), 422, 'IDEMPOTENCY_KEY_REUSED');
    expectProblem(await transfer(api, user, other.email, 1_000, key), 422, 'IDEMPOTENCY_KEY_REUSED');

    const depositKey = newKey();
    await deposit(api, admin, user.id, 100, depositKey).expect(201);
    expectProblem(await deposit(api, admin, other.id, 100, depositKey), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await balanceOf(api, user)).toBe(4_100);
    expect(await balanceOf(api, other)).toBe(0);
  });

  it('scopes keys per user: the same key from two users runs twice', async () => {
    const [ada, grace] = await Promise.all([fundedUser(api, admin, 5_000), fundedUser(api, admin, 5_000)]);
    const key = newKey();
    const adaAnswer = await withdraw(api, ada, 700, key).expect(201);
    const graceAnswer = await withdraw(api, grace, 700, key).expect(201);
    expect(graceAnswer.headers['idempotency-replayed']).toBeUndefined();
    expect(graceAnswer.body.id).not.toBe(adaAnswer.body.id);
    expect([await balanceOf(api, ada), await balanceOf(api, grace)]).toEqual([4_300, 4_300]);
  });

  it('requires a well-formed key on every money route', async () => {
    const user = await fundedUser(api, admin, 5_000);
    const routes = [
      () => api.http.post('/api/v1/wallet/withdraw').set(user.auth),
      () => api.http.post('/api/v1/wallet/transfer').set(user.auth),
      () => api.http.post(`/api/v1/admin/users/${user.id}/deposit`).set(admin.auth),
    ];
    for (const route of routes) {
      expectProblem(await route().send({ amount: 100 }), 400, 'IDEMPOTENCY_KEY_MISSING');
      expectProblem(
        await route().set('Idempotency-Key', '').send({ amount: 100 }),
        400,
        'IDEMPOTENCY_KEY_MISSING',
      );
      for (const bad of ['x'.repeat(256), 'naïve-key']) {
        const response = await route().set('Idempotency-Key', bad).send({ amount: 100 });
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      }
    }
    expect(await balanceOf(api, user)).toBe(5_000);
  });

  it('does not store a 400: the key stays usable after a validation error', async () => {
    const user = await fundedUser(api, admin, 5_000);
    const key = newKey();
    expectProblem(await withdraw(api, user, 'lots', key), 400, 'VALIDATION_FAILED');
    await withdraw(api, user, 100, key).expect(201);
    const stored = await testDb().query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [
      key,
    ]);
    expect(stored.rows[0].n).toBe(1);
  });

  describe("the key is claimed in the money move's own transaction (docs/design.md §3.4)", () => {
    it('rolls back the claim with the move when the move fails, so a retry runs it', async () => {
      const user = await fundedUser(api, admin, 5_000);
      const key = newKey();
      // A failure that is not retried: the transaction rolls back and the client gets a 500.
      const heal = await injectFault('transactions', 'INSERT', ledgerRowOf(user), 'P0001', 1);
      try {
        const failed = await withdraw(api, user, 1_000, key);
        expectProblem(failed, 500, 'INTERNAL_ERROR');
        expect(failed.body.correlationId).toEqual(expect.any(String));
        const claims = await testDb().query(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [key]);
        expect(claims.rowCount).toBe(0);
        expect(await balanceOf(api, user)).toBe(5_000);
      } finally {
        await heal();
      }
      const retried = await withdraw(api, user, 1_000, key).expect(201);
      expect(retried.headers['idempotency-replayed']).toBeUndefined();
      expect(await balanceOf(api, user)).toBe(4_000);
    });

    it('rolls back the move when storing its answer fails: no money moves without a claim', async () => {
      const user = await fundedUser(api, admin, 5_000);
      const key = newKey();
      const heal = await injectFault('idempotency_keys', 'INSERT', `NEW.user_id = '${user.id}'`, 'P0001', 1);
      try {
        expectProblem(await withdraw(api, user, 1_000, key), 500, 'INTERNAL_ERROR');
      } finally {
        await heal();
      }
      expect(await balanceOf(api, user)).toBe(5_000);
      expect((await historyOf(api, user, '?type=withdraw')).total).toBe(0);
      await withdraw(api, user, 1_000, key).expect(201);
      expect(await balanceOf(api, user)).toBe(4_000);
    });

    it('fails the move, and keeps the ledger whole, when a balance is not what the lock said', async () => {
      const user = await fundedUser(api, admin, 5_000);
      // A trigger that changes the balance behind the service's back (a bug elsewhere, say).
      const db = testDb();
      const name = `skew_${Math.random().toString(36).slice(2)}`;
      await db.query(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.balance := NEW.balance + 1; RETURN NEW; END $$`);
      await db.query(`CREATE TRIGGER ${name} BEFORE UPDATE OF balance ON wallets FOR EACH ROW
        WHEN (NEW.user_id = '${user.id}') EXECUTE FUNCTION ${name}()`);
      try {
        expectProblem(await withdraw(api, user, 1_000), 500, 'INTERNAL_ERROR');
      } finally {
        await db.query(`DROP TRIGGER ${name} ON wallets`);
        await db.query(`DROP FUNCTION ${name}()`);
      }
      expect(await balanceOf(api, user)).toBe(5_000);
      expect((await historyOf(api, user, '?type=withdraw')).total).toBe(0);
    });

    it('retries a transaction that lost a deadlock, invisibly to the client', async () => {
      const user = await fundedUser(api, admin, 5_000);
      const heal = await injectFault('transactions', 'INSERT', ledgerRowOf(user), '40P01', 2);
      try {
        await withdraw(api, user, 1_000).expect(201);
      } finally {
        await heal();
      }
      expect(await balanceOf(api, user)).toBe(4_000);
      expect((await historyOf(api, user, '?type=withdraw')).total).toBe(1);
    });
  });

  describe('contention the database gives up on (docs/design.md §2: never a 500)', () => {
    it('answers 503 with Retry-After when deadlocks outlast the retries, and moves nothing', async () => {
      const user = await fundedUser(api, admin, 5_000);
      const heal = await injectFault('transactions', 'INSERT', ledgerRowOf(user), '40P01', 100);
      try {
        const response = await withdraw(api, user, 1_000);
        expectProblem(response, 503, 'SERVICE_UNAVAILABLE');
        expect(response.headers['retry-after']).toBe('1');
      } finally {
        await heal();
      }
      expect(await balanceOf(api, user)).toBe(5_000);
    });

    it('retries an admin action that lost a deadlock too', async () => {
      const user = await fundedUser(api, admin, 100);
      const heal = await injectFault('wallets', 'UPDATE', `NEW.user_id = '${user.id}'`, '40P01', 2);
      try {
        const frozen = await api.http.post(`/api/v1/admin/users/${user.id}/freeze`).set(admin.auth).send({});
        expect(frozen.body.code ?? frozen.status).toBe(200);
      } finally {
        await heal();
      }
      await api.http.post(`/api/v1/admin/users/${user.id}/unfreeze`).set(admin.auth).expect(200);
    });
  });

  it('replays a finished request to 30 concurrent repeats at once, none of them told it is in use', async () => {
    const user = await fundedUser(api, admin, 5_000);
    const key = newKey();
    const first = await withdraw(api, user, 300, key).expect(201);
    const repeats = await Promise.all(Array.from({ length: 30 }, () => withdraw(api, user, 300, key)));
    for (const repeat of repeats) {
      expect(repeat.status).toBe(201);
      expect(repeat.headers['idempotency-replayed']).toBe('true');
      expect(repeat.body).toEqual(first.body);
    }
    expect(await balanceOf(api, user)).toBe(4_700);
  });

  it('executes exactly one of 20 concurrent identical requests', async () => {
    const user = await fundedUser(api, admin, 5_000);
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 20 }, () => withdraw(api, user, 250, key)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const executed = responses.filter(
      (r) => r.status === 201 && r.headers['idempotency-replayed'] === undefined,
    );
    expect(executed).toHaveLength(1);
    for (const response of responses) {
      if (response.status === 201) expect(response.body).toEqual(executed[0].body);
      if (response.status === 409) {
        expectProblem(response, 409, 'IDEMPOTENCY_KEY_IN_USE');
        expect(response.headers['retry-after']).toBe('1');
      }
    }
    expect(await balanceOf(api, user)).toBe(4_750);
    expect((await historyOf(api, user, '?type=withdraw')).total).toBe(1);
    // After the first finished, the key replays.
    const later = await withdraw(api, user, 250, key).expect(201);
    expect(later.headers['idempotency-replayed']).toBe('true');
  });
});
