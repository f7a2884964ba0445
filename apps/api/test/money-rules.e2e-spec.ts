import { randomUUID } from 'node:crypto';
import { verifyLedger } from '@wallet/database';
import { closeTestDb, expectLedgerHolds, testDb } from '@wallet/testing/db';

/**
 * The money rules of docs/design.md §2, which live in the database functions of the migration
 * `MoneyMovesInOneRoundTrip`, tested by calling those functions directly on the run's database:
 * each case sets a wallet up through the functions themselves (so the ledger stays whole) and
 * reads the answer they store.
 */

interface Answer {
  outcome: string;
  status: number | null;
  answer: { code?: string; transactionId?: string; balanceAfter?: number; status?: string } | null;
}

const LIMIT = 10_000;
const UTC = 'UTC';

async function call(invocation: string, params: unknown[]): Promise<Answer> {
  const { rows } = await testDb().query<Answer>(`SELECT outcome, status, answer FROM ${invocation}`, params);
  return rows[0];
}

/** The code of the rule a move broke, or 'OK' when it went through. */
const verdict = (answer: Answer) => (answer.status === 201 ? 'OK' : answer.answer?.code);

async function newUser(role: 'user' | 'admin' = 'user'): Promise<{ id: string; email: string }> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.com`;
  const { rows } = await testDb().query<{ id: string }>(
    `WITH u AS (INSERT INTO users (name, email, password_hash, role) VALUES ($1, $2, 'x', $3) RETURNING id),
          w AS (INSERT INTO wallets (user_id) SELECT id FROM u WHERE $3 = 'user')
     SELECT id FROM u`,
    [`Rules ${role}`, email, role],
  );
  return { id: rows[0].id, email };
}

describe('the money rules, in the database (docs/design.md §2)', () => {
  let admin: { id: string };

  const deposit = (userId: string, amount: number) =>
    call('money_deposit($1, $2, $3, $4, $5, $6)', [admin.id, randomUUID(), 'f', userId, amount, `${amount}`]);
  const withdraw = (userId: string, amount: number, limit = LIMIT, timezone = UTC) =>
    call('money_withdraw($1, $2, $3, $4, $5, $6)', [userId, randomUUID(), 'f', amount, limit, timezone]);
  const transfer = (userId: string, email: string, amount: number, limit = LIMIT) =>
    call('money_transfer($1, $2, $3, $4, $5, $6, $7)', [
      userId,
      randomUUID(),
      'f',
      email,
      amount,
      limit,
      UTC,
    ]);
  const setFrozen = (userId: string, frozen: boolean) =>
    testDb().query('UPDATE wallets SET frozen = $2 WHERE user_id = $1', [userId, frozen]);

  /** A user whose wallet holds `balance` cents, put there by a deposit. */
  async function walletWith(balance: number, { frozen = false } = {}) {
    const user = await newUser();
    if (balance > 0) expect(verdict(await deposit(user.id, balance))).toBe('OK');
    if (frozen) await setFrozen(user.id, true);
    return user;
  }

  beforeAll(async () => {
    admin = await newUser('admin');
  });
  afterEach(() => expectLedgerHolds());
  afterAll(() => closeTestDb());

  describe('withdraw', () => {
    it('allows exactly the daily limit and exactly the balance', async () => {
      const rich = await walletWith(10_000);
      expect(verdict(await withdraw(rich.id, 10_000))).toBe('OK');
      const half = await walletWith(10_000);
      expect(verdict(await withdraw(half.id, 5_000))).toBe('OK');
      expect(verdict(await withdraw(half.id, 5_000))).toBe('OK');
    });

    it('refuses one cent over the limit or the balance', async () => {
      expect(verdict(await withdraw((await walletWith(20_000)).id, 10_001))).toBe('DAILY_LIMIT_EXCEEDED');
      expect(verdict(await withdraw((await walletWith(5_000)).id, 5_001))).toBe('INSUFFICIENT_FUNDS');
    });

    it('checks frozen first, then the limit, then the balance', async () => {
      expect(verdict(await withdraw((await walletWith(0, { frozen: true })).id, 1, 0))).toBe('WALLET_FROZEN');
      expect(verdict(await withdraw((await walletWith(0)).id, 1, 0))).toBe('DAILY_LIMIT_EXCEEDED');
    });

    it('counts only SUCCESS moves of the same calendar day in the limits time zone', async () => {
      const user = await walletWith(30_000);
      expect(verdict(await withdraw(user.id, 9_000))).toBe('OK');
      // A refusal does not count toward the limit.
      expect(verdict(await withdraw(user.id, 50_000, 1_000_000))).toBe('INSUFFICIENT_FUNDS');
      expect(verdict(await withdraw(user.id, 1_001))).toBe('DAILY_LIMIT_EXCEEDED');
      expect(verdict(await withdraw(user.id, 1_000))).toBe('OK');

      const tz = 'Pacific/Kiritimati';
      const startOfDay = `(date_trunc('day', now() AT TIME ZONE '${tz}') AT TIME ZONE '${tz}')`;
      const moveTodaysRowsTo = (when: string) =>
        testDb().query(
          `UPDATE transactions SET created_at = ${when}
           WHERE type = 'withdraw' AND wallet_id = (SELECT id FROM wallets WHERE user_id = $1)`,
          [user.id],
        );
      // A minute before that zone's midnight is yesterday there: nothing used today.
      await moveTodaysRowsTo(`${startOfDay} - interval '1 minute'`);
      expect(verdict(await withdraw(user.id, 10_000, LIMIT, tz))).toBe('OK');
      // Its midnight itself is today.
      await moveTodaysRowsTo(startOfDay);
      expect(verdict(await withdraw(user.id, 1, LIMIT, tz))).toBe('DAILY_LIMIT_EXCEEDED');
    });

    it('moves the balance of a SUCCESS only, and records the balance after each row', async () => {
      const user = await walletWith(5_000);
      expect((await withdraw(user.id, 1_200)).answer).toMatchObject({
        status: 'SUCCESS',
        balanceAfter: 3_800,
      });
      const refused = await withdraw(user.id, 4_000);
      expect(refused.status).toBe(422);
      const { rows } = await testDb().query('SELECT status, balance_after FROM transactions WHERE id = $1', [
        refused.answer?.transactionId,
      ]);
      expect(rows).toEqual([{ status: 'FAILED', balance_after: 3_800 }]);
    });

    it('refuses an admin, who has no wallet, and rolls the claim back', async () => {
      const key = randomUUID();
      await expect(
        call('money_withdraw($1, $2, $3, $4, $5, $6)', [admin.id, key, 'f', 100, LIMIT, UTC]),
      ).rejects.toMatchObject({ code: 'WL422' });
      const claims = await testDb().query('SELECT 1 FROM idempotency_keys WHERE key = $1', [key]);
      expect(claims.rowCount).toBe(0);
    });
  });

  describe('transfer', () => {
    it('allows a valid transfer, writing both legs', async () => {
      const sender = await walletWith(5_000);
      const recipient = await walletWith(0);
      expect(verdict(await transfer(sender.id, recipient.email, 5_000))).toBe('OK');
      const { rows } = await testDb().query(
        `SELECT u.email, w.balance FROM wallets w JOIN users u ON u.id = w.user_id WHERE u.id = ANY($1) ORDER BY w.balance`,
        [[sender.id, recipient.id]],
      );
      expect(rows).toEqual([
        { email: sender.email, balance: 0 },
        { email: recipient.email, balance: 5_000 },
      ]);
    });

    it('checks the rules in order', async () => {
      const nobody = 'nobody-here@example.com';
      const frozenSender = await walletWith(0, { frozen: true });
      expect(verdict(await transfer(frozenSender.id, nobody, 1, 0))).toBe('WALLET_FROZEN');

      const sender = await walletWith(0);
      expect(verdict(await transfer(sender.id, nobody, 1, 0))).toBe('RECIPIENT_NOT_FOUND');
      const adminEmail = (await testDb().query('SELECT email FROM users WHERE id = $1', [admin.id])).rows[0];
      expect(verdict(await transfer(sender.id, adminEmail.email, 1, 0))).toBe('RECIPIENT_NOT_FOUND');

      expect(verdict(await transfer(sender.id, sender.email, 1, 0))).toBe('SELF_TRANSFER');

      const frozenRecipient = await walletWith(0, { frozen: true });
      expect(verdict(await transfer(sender.id, frozenRecipient.email, 1, 0))).toBe('RECIPIENT_UNAVAILABLE');
      const inactive = await walletWith(0);
      await testDb().query(`UPDATE users SET status = 'inactive' WHERE id = $1`, [inactive.id]);
      expect(verdict(await transfer(sender.id, inactive.email, 1, 0))).toBe('RECIPIENT_UNAVAILABLE');

      const recipient = await walletWith(0);
      expect(verdict(await transfer(sender.id, recipient.email, 1, 0))).toBe('DAILY_LIMIT_EXCEEDED');
      expect(verdict(await transfer(sender.id, recipient.email, 1))).toBe('INSUFFICIENT_FUNDS');
    });

    it('refuses a transfer into a frozen wallet even to yourself as SELF_TRANSFER first', async () => {
      const user = await walletWith(100);
      await setFrozen(user.id, true);
      // Frozen is checked on your own wallet before anything else.
      expect(verdict(await transfer(user.id, user.email, 1))).toBe('WALLET_FROZEN');
    });
  });

  describe('the usage counters', () => {
    it("judge a move by the day's rows when the counter leaves no room, and ledger:verify keeps them honest", async () => {
      const user = await walletWith(20_000);
      expect(verdict(await withdraw(user.id, 6_000))).toBe('OK');
      const counters = () =>
        testDb()
          .query('SELECT withdrawn_today FROM wallets WHERE user_id = $1', [user.id])
          .then(({ rows }) => rows[0].withdrawn_today as number);
      expect(await counters()).toBe(6_000);
      // A counter above the rows (history moved to another day) only sends the move to the rows.
      await testDb().query(`UPDATE wallets SET withdrawn_today = 9500 WHERE user_id = $1`, [user.id]);
      expect(verdict(await withdraw(user.id, 4_000))).toBe('OK');
      expect(await counters()).toBe(10_000);
      // A counter below the rows would let a move through that the limit forbids: verify says so.
      await testDb().query(`UPDATE wallets SET withdrawn_today = 100 WHERE user_id = $1`, [user.id]);
      const report = await verifyLedger(testDb());
      expect(report.problems).toEqual([
        expect.stringMatching(/^daily usage counter below the ledger: wallet .* counts 100 withdrawn/),
      ]);
      await testDb().query(`UPDATE wallets SET withdrawn_today = 10000 WHERE user_id = $1`, [user.id]);
    });
  });

  describe('deposit', () => {
    it('refuses only a frozen wallet', async () => {
      const user = await walletWith(0);
      expect(verdict(await deposit(user.id, 100_000_000))).toBe('OK');
      await setFrozen(user.id, true);
      expect(verdict(await deposit(user.id, 1))).toBe('WALLET_FROZEN');
    });

    it('refuses an unknown user and an admin, rolling everything back', async () => {
      await expect(deposit(randomUUID(), 100)).rejects.toMatchObject({ code: 'WL404' });
      await expect(deposit(admin.id, 100)).rejects.toMatchObject({ code: 'WL422' });
    });
  });

  describe('reversal (docs/design.md §13)', () => {
    const reverse = (transactionId: string) =>
      call('money_reverse($1, $2, $3, $4, $5)', [admin.id, randomUUID(), 'f', transactionId, 'Rules']);
    const idOf = (answer: Answer) =>
      String(answer.answer?.transactionId ?? (answer.answer as { id?: string })?.id);
    const rowsReversing = async (ids: string[]) =>
      (
        await testDb().query<{ n: number }>(
          `SELECT count(*)::int AS n FROM transactions WHERE reverses_id = ANY($1)`,
          [ids],
        )
      ).rows[0].n;

    it('allows taking a wallet exactly to zero, not one cent further', async () => {
      const exact = await newUser();
      const funding = await deposit(exact.id, 2_500);
      const reversed = await reverse(idOf(funding));
      expect([verdict(reversed), reversed.answer?.balanceAfter]).toEqual(['OK', 0]);

      const short = await newUser();
      const shortFunding = await deposit(short.id, 2_500);
      expect(verdict(await withdraw(short.id, 1))).toBe('OK');
      const refused = await reverse(idOf(shortFunding));
      expect([refused.status, verdict(refused)]).toEqual([422, 'INSUFFICIENT_FUNDS']);
      expect(await rowsReversing([idOf(shortFunding)])).toBe(0);
    });

    it('checks not reversible first, then already reversed, then the balances', async () => {
      const user = await walletWith(1_000);
      const failed = await withdraw(user.id, 5_000);
      expect(verdict(failed)).toBe('INSUFFICIENT_FUNDS');
      expect(verdict(await reverse(idOf(failed)))).toBe('NOT_REVERSIBLE');

      // Reversed, and the money since spent: ALREADY_REVERSED comes before INSUFFICIENT_FUNDS.
      const second = await deposit(user.id, 3_000);
      const reversal = await reverse(idOf(second));
      expect(verdict(reversal)).toBe('OK');
      expect(verdict(await withdraw(user.id, 1_000))).toBe('OK');
      const again = await reverse(idOf(second));
      expect([again.status, verdict(again)]).toEqual([409, 'ALREADY_REVERSED']);
      // A reversal row is not reversible, whatever the balance.
      expect(verdict(await reverse(idOf(reversal)))).toBe('NOT_REVERSIBLE');
    });

    it('reverses a transfer on both legs and refuses the other leg afterwards, even on frozen wallets', async () => {
      const sender = await walletWith(4_000);
      const recipient = await newUser();
      const sent = await transfer(sender.id, recipient.email, 1_500);
      expect(verdict(sent)).toBe('OK');
      await setFrozen(sender.id, true);
      await setFrozen(recipient.id, true);
      expect(verdict(await reverse(idOf(sent)))).toBe('OK');
      const { rows } = await testDb().query<{ id: string }>(
        `SELECT id FROM transactions WHERE transfer_id = $1 AND type = 'transfer_in'`,
        [(sent.answer as { transferId: string }).transferId],
      );
      expect(await rowsReversing([idOf(sent), rows[0].id])).toBe(2);
      expect(verdict(await reverse(rows[0].id))).toBe('ALREADY_REVERSED');
    });

    it('rolls back on an unknown row, storing nothing', async () => {
      const key = randomUUID();
      await expect(
        call('money_reverse($1, $2, $3, $4, $5)', [admin.id, key, 'f', randomUUID(), 'Rules']),
      ).rejects.toMatchObject({ code: 'WL404' });
      const { rows } = await testDb().query(
        `SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [admin.id, key],
      );
      expect(rows).toEqual([]);
    });

    it('keeps one reversal per row even if the check were bypassed: the unique index refuses a second', async () => {
      const user = await walletWith(2_000);
      const funding = (
        await testDb().query<{ id: string }>(
          `SELECT t.id FROM transactions t JOIN wallets w ON w.id = t.wallet_id WHERE w.user_id = $1`,
          [user.id],
        )
      ).rows[0].id;
      expect(verdict(await reverse(funding))).toBe('OK');
      await expect(
        testDb().query(
          `INSERT INTO transactions (wallet_id, type, amount, status, balance_after, reverses_id)
           SELECT wallet_id, 'reversal', amount, 'SUCCESS', 0, id FROM transactions WHERE id = $1`,
          [funding],
        ),
      ).rejects.toMatchObject({ code: '23505', constraint: 'transactions_reversed_once' });
    });
  });
});
