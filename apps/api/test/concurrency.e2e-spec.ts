import { expectLedgerHolds, testDb } from '@wallet/testing/db';
import { balanceOf, deposit, historyOf, transfer, withdraw } from '@wallet/testing/money';
import { startApi, stopApi, TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser, TestUser } from '@wallet/testing/users';
import { sleep } from '@wallet/testing/wait';

describe('money moves under concurrency (docs/design.md §2)', () => {
  let api: TestApi;
  let admin: TestUser;

  beforeAll(async () => {
    // Large daily limits so the limits do not hide what the locks must guarantee.
    api = await startApi({ DAILY_WITHDRAW_LIMIT: '100000000', DAILY_TRANSFER_LIMIT: '100000000' });
    admin = await createAdmin(api);
  });
  afterEach(() => expectLedgerHolds());
  afterAll(() => stopApi(api));

  describe('a deactivation racing the money moves (docs/design.md §4)', () => {
    /** When the user's sessions ended, as Postgres recorded it. */
    const endedAt = async (user: TestUser): Promise<Date> => {
      const { rows } = await testDb().query<{ ended: Date }>(
        `SELECT max(ended_at) AS ended FROM sessions WHERE user_id = $1`,
        [user.id],
      );
      return rows[0].ended;
    };
    const successesOf = async (user: TestUser, type: string): Promise<Date[]> => {
      const { rows } = await testDb().query<{ created_at: Date }>(
        `SELECT t.created_at FROM transactions t JOIN wallets w ON w.id = t.wallet_id
         WHERE w.user_id = $1 AND t.type = $2 AND t.status = 'SUCCESS'`,
        [user.id, type],
      );
      return rows.map((row) => row.created_at);
    };

    it('never lets a withdrawal commit after the user deactivated themselves', async () => {
      const user = await createUser(api);
      await deposit(api, admin, user.id, 100_000).expect(201);
      const withdrawals = Array.from({ length: 20 }, (_, i) =>
        sleep(i * 3).then(() => withdraw(api, user, 100)),
      );
      await sleep(20);
      await api.http.post('/api/v1/users/me/deactivate').set(user.auth).expect(204);
      const answers = await Promise.all(withdrawals);
      for (const answer of answers) expect([201, 401]).toContain(answer.status);
      const ended = await endedAt(user);
      for (const at of await successesOf(user, 'withdraw'))
        expect(at.getTime()).toBeLessThan(ended.getTime());
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(
        (await successesOf(user, 'withdraw')).length,
      );
    });

    it('makes a recipient deactivated mid-move unavailable, never credited after it', async () => {
      const recipient = await createUser(api, 'leaving');
      const senders = await Promise.all(Array.from({ length: 4 }, (_, i) => createUser(api, `payer${i}`)));
      for (const sender of senders) await deposit(api, admin, sender.id, 10_000).expect(201);
      const transfers = senders.flatMap((sender, s) =>
        Array.from({ length: 5 }, (_, i) =>
          sleep((s * 5 + i) * 3).then(() => transfer(api, sender, recipient.email, 100)),
        ),
      );
      await sleep(25);
      await api.http.post(`/api/v1/admin/users/${recipient.id}/deactivate`).set(admin.auth).expect(200);
      const answers = await Promise.all(transfers);
      for (const answer of answers) {
        expect(answer.status === 201 || answer.body.code === 'RECIPIENT_UNAVAILABLE').toBe(true);
      }
      const ended = await endedAt(recipient);
      const credited = await successesOf(recipient, 'transfer_in');
      for (const at of credited) expect(at.getTime()).toBeLessThan(ended.getTime());
      expect(credited).toHaveLength(answers.filter((answer) => answer.status === 201).length);
    });
  });

  it('lets exactly 5 of 10 concurrent withdrawals of 1000 from 5000 succeed', async () => {
    const user = await createUser(api);
    await deposit(api, admin, user.id, 5_000).expect(201);
    const responses = await Promise.all(Array.from({ length: 10 }, () => withdraw(api, user, 1_000)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 422, 422, 422, 422, 422]);
    for (const refused of responses.filter((response) => response.status === 422)) {
      expect(refused.body.code).toBe('INSUFFICIENT_FUNDS');
    }
    expect(await balanceOf(api, user)).toBe(0);
    const history = await historyOf(api, user, '?type=withdraw&limit=100');
    expect(history.items.filter((row) => row.status === 'SUCCESS')).toHaveLength(5);
    expect(history.items.filter((row) => row.status === 'FAILED')).toHaveLength(5);
  });

  it('conserves the total across 120 concurrent transfers in both directions', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, (_, i) => createUser(api, `ring${i}`)));
    for (const user of users) await deposit(api, admin, user.id, 10_000).expect(201);
    const total = async () =>
      (await Promise.all(users.map((user) => balanceOf(api, user)))).reduce((a, b) => a + b);
    expect(await total()).toBe(40_000);

    // Every ordered pair, both directions, many times: the lock order is what prevents deadlocks.
    const moves: Array<Promise<{ status: number }>> = [];
    for (let round = 0; round < 10; round++) {
      for (let from = 0; from < users.length; from++) {
        for (let to = 0; to < users.length; to++) {
          if (from !== to)
            moves.push(transfer(api, users[from], users[to].email, 1 + ((round * 7 + from * 3 + to) % 900)));
        }
      }
    }
    const responses = await Promise.all(moves);
    const statuses = responses.map((response) => response.status);
    expect(statuses).toHaveLength(120);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.every((status) => status === 201 || status === 422)).toBe(true);
    // The only honest refusal here is a wallet running dry.
    const refusals = responses
      .filter((r) => r.status === 422)
      .map((r) => (r as unknown as { body: { code: string } }).body.code);
    expect(new Set(refusals)).toEqual(new Set(refusals.length ? ['INSUFFICIENT_FUNDS'] : []));
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThan(60);
    expect(await total()).toBe(40_000);

    const { rows } = await testDb().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM transactions t JOIN wallets w ON w.id = t.wallet_id
       WHERE w.user_id = ANY($1) AND t.type = 'transfer_in'`,
      [users.map((user) => user.id)],
    );
    expect(rows[0].n).toBe(statuses.filter((status) => status === 201).length);
  });

  it('sees both wallets of a transfer that waited for their locks', async () => {
    // Several pairs, so the waited-for wallet comes both first and second in lock order.
    for (let pair = 0; pair < 4; pair++) {
      const [sender, recipient] = await Promise.all([createUser(api, 'waits'), createUser(api, 'held')]);
      await deposit(api, admin, sender.id, 1_000).expect(201);
      // Another transaction changes the recipient's wallet and holds it while the transfer
      // arrives: the transfer waits, then must see the committed row rather than lose it.
      const holder = await testDb().connect();
      try {
        await holder.query('BEGIN');
        await holder.query(`UPDATE wallets SET updated_at = now() WHERE user_id = $1`, [recipient.id]);
        const pending = transfer(api, sender, recipient.email, 250).then((response) => response);
        await sleep(200);
        await holder.query('COMMIT');
        const response = await pending;
        expect(response.body.code ?? response.status).toBe(201);
      } finally {
        holder.release();
      }
      expect(await balanceOf(api, recipient)).toBe(250);
    }
  });

  it('refuses none of 60 concurrent transfers into one hot wallet that the rules allow', async () => {
    // Waiting for a contended wallet lock must not change what the transfer sees: every sender
    // here has the money and the limit, so every transfer succeeds.
    const [hot, ...senders] = await Promise.all(
      Array.from({ length: 7 }, (_, i) => createUser(api, `hot${i}`)),
    );
    for (const sender of senders) await deposit(api, admin, sender.id, 10_000).expect(201);
    const moves = senders.flatMap((sender) =>
      Array.from({ length: 10 }, () => transfer(api, sender, hot.email, 100)),
    );
    const responses = await Promise.all(moves);
    expect(responses.map((response) => response.body.code ?? response.status)).toEqual(moves.map(() => 201));
    expect(await balanceOf(api, hot)).toBe(6_000);
  });

  it('never lets a wallet go negative when it sends and receives at once', async () => {
    const [hub, ...spokes] = await Promise.all(
      Array.from({ length: 5 }, (_, i) => createUser(api, `hub${i}`)),
    );
    await deposit(api, admin, hub.id, 1_000).expect(201);
    for (const spoke of spokes) await deposit(api, admin, spoke.id, 1_000).expect(201);
    const moves = spokes.flatMap((spoke) => [
      transfer(api, hub, spoke.email, 300),
      transfer(api, spoke, hub.email, 300),
      withdraw(api, hub, 300),
    ]);
    const responses = await Promise.all(moves);
    expect(responses.filter((response) => response.status >= 500)).toEqual([]);
    // What left the group is exactly the withdrawals that succeeded.
    const withdrawn = responses.filter((r, i) => i % 3 === 2 && r.status === 201).length * 300;
    const balances = await Promise.all([hub, ...spokes].map((user) => balanceOf(api, user)));
    expect(balances.reduce((sum, balance) => sum + balance, 0)).toBe(5 * 1_000 - withdrawn);
  });
});
