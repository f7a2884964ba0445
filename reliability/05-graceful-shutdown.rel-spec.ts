import { createAccount, createUsers, fundAll, newKey } from './support/accounts';
import { sleep } from '@wallet/testing/wait';
import { db, exactlyOnce, ledgerReport, walletIdsOf } from './support/db';
import { ScenarioReport } from './support/figures';
import { HttpAnswer, HttpClient, NoAnswerError } from './support/http';
import { answerIssues, label, Tally } from './support/problems';
import { ApiProcess } from './support/processes';
import { endScenario } from './support/scenario';

const USERS = 8;
const CLIENTS = 8;
/** Money moves held in flight across the SIGTERM by a row lock taken outside the API. */
const HELD = 4;
const EXIT_WITHIN_MS = 10_000;

const report = new ScenarioReport(
  5,
  'Graceful shutdown (SIGTERM under load)',
  `One API process under load from ${CLIENTS} keep-alive clients sending transfers. ${HELD} ` +
    'withdrawals are held in flight across the signal: a transaction outside the API holds their ' +
    'wallet row lock until 1.5 s after SIGTERM. In-flight requests must finish with a 2xx/4xx answer, ' +
    'new connections must be refused (ECONNREFUSED), no request the server took in may go unanswered, ' +
    'and the process must ' +
    `exit by itself within ${EXIT_WITHIN_MS / 1000} s.`,
);

interface Sent {
  startedAt: number;
  key: string;
  answer?: HttpAnswer;
  error?: string;
}

describe('graceful shutdown (scenario 5)', () => {
  let api: ApiProcess | undefined;

  afterAll(() => endScenario([report], [api]));

  it('finishes in-flight requests, refuses new ones and exits in time', async () => {
    api = await ApiProcess.start('shutdown', { SESSION_IDLE_TIMEOUT_SECONDS: '600' });
    const http = api.http;
    const admin = await createAccount(http, 'admin', 'sd-admin');
    const users = await createUsers(USERS + 1, 'sd', () => http);
    await fundAll(http, admin, users, 100_000);
    const [hostage, ...others] = users;

    // Background load: transfers on keep-alive connections, recorded request by request. Money
    // moves carry a key the server stores when it runs them, so a request that got no answer can
    // be told apart: cut off (its key is stored) or never taken in (no key).
    const sent: Sent[] = [];
    let loading = true;
    const pick = () => others[Math.floor(Math.random() * others.length)];
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (loading) {
        const user = pick();
        const record: Sent = { startedAt: Date.now(), key: newKey() };
        sent.push(record);
        try {
          record.answer = await http.request({
            method: 'POST',
            path: '/api/v1/wallet/transfer',
            headers: { ...user.auth, 'idempotency-key': record.key },
            body: { recipientEmail: pick().email, amount: 1 + Math.floor(Math.random() * 100) },
          });
        } catch (error) {
          if (!(error instanceof NoAnswerError)) throw error;
          record.error = error.code;
          // A refused connection means the server is gone: this client is done.
          if (error.refused) return;
        }
      }
    });
    await sleep(2_000);

    // Hold the hostage's wallet row so its withdrawals wait inside their transactions.
    const lock = await db().connect();
    const lockPid = Number((await lock.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    await lock.query('BEGIN');
    await lock.query('SELECT id FROM wallets WHERE user_id = $1 FOR UPDATE', [hostage.id]);
    const held = Array.from({ length: HELD }, () =>
      http
        .request({
          method: 'POST',
          path: '/api/v1/wallet/withdraw',
          headers: { ...hostage.auth, 'idempotency-key': newKey() },
          body: { amount: 100 },
        })
        .then(
          (answer) => ({ answer, error: undefined, at: Date.now() }),
          (error: unknown) => ({ answer: undefined, error: String(error), at: Date.now() }),
        ),
    );
    let waiting = 0;
    for (let i = 0; i < 100 && waiting < HELD; i++) {
      await sleep(50);
      const { rows } = await db().query<{ n: string }>(
        // Waiting on the lock directly or behind another waiter: row locks queue up.
        `WITH RECURSIVE blocked (pid) AS (
           SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))
           UNION
           SELECT a.pid FROM pg_stat_activity a JOIN blocked b ON b.pid = ANY(pg_blocking_pids(a.pid))
         )
         SELECT count(*) AS n FROM blocked`,
        [lockPid],
      );
      waiting = Number(rows[0].n);
    }

    const signalledAt = Date.now();
    const exit = api.signal('SIGTERM');
    // New connections, a moment after the signal: each must be refused, not accepted and dropped.
    await sleep(300);
    const probes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const fresh = new HttpClient(api.baseUrl, { keepAlive: false });
      try {
        const answer = await fresh.request({ method: 'GET', path: '/health', timeoutMs: 2_000 });
        probes.push(label(answer));
      } catch (error) {
        probes.push(error instanceof NoAnswerError ? error.code : String(error));
      } finally {
        fresh.close();
      }
      await sleep(200);
    }
    await sleep(Math.max(0, signalledAt + 1_500 - Date.now()));
    const releasedAt = Date.now();
    await lock.query('ROLLBACK');
    lock.release();
    const heldOutcomes = await Promise.all(held);
    const ended = await Promise.race([exit, sleep(EXIT_WITHIN_MS + 5_000).then(() => undefined)]);
    const exitMs = Date.now() - signalledAt;
    loading = false;
    await Promise.all(clients);

    // Outcomes of the background load around the signal.
    const before = new Tally();
    const after = new Tally();
    const issues: string[] = [];
    const unanswered: Sent[] = [];
    for (const record of sent) {
      const tally = record.startedAt < signalledAt ? before : after;
      if (record.answer) {
        tally.add(label(record.answer));
        issues.push(...answerIssues(record.answer));
        if (record.answer.status >= 500) issues.push(`status ${record.answer.status}`);
      } else {
        tally.add(record.error ?? 'unknown');
        if (record.error !== 'ECONNREFUSED') unanswered.push(record);
      }
    }
    // A reset without an answer is the keep-alive race every HTTP server has: the client sent on
    // a connection the server was closing as idle. Such a request was never taken in (no key
    // stored) and is safe to retry; one whose key was stored was cut off mid-way.
    const { rows: storedKeys } = await db().query<{ key: string }>(
      'SELECT key FROM idempotency_keys WHERE key = ANY($1)',
      [unanswered.map((record) => record.key)],
    );
    const cutOff = unanswered.filter((record) => storedKeys.some((row) => row.key === record.key));
    // Clock skew between this process and the signal's delivery: 100 ms is a safe margin.
    const racedBeforeSignal = unanswered.filter((record) => record.startedAt < signalledAt - 100);
    const heldAnswers = new Tally();
    for (const outcome of heldOutcomes)
      heldAnswers.add(outcome.answer ? label(outcome.answer) : String(outcome.error));
    const once = await exactlyOnce(await walletIdsOf(users.map((user) => user.id)));
    const ledger = await ledgerReport();

    report.figure('requests before SIGTERM', `${before.total()} (${before.toString()})`);
    report.figure('requests after SIGTERM', `${after.total()} (${after.toString()})`);
    report.figure('withdrawals held in flight across the signal', `${waiting} waiting on the lock`);
    report.figure('… their answers', heldAnswers.toString());
    report.figure('new connections tried after the signal', probes.join(', '));
    report.figure(
      'resets of keep-alive connections closed while idle (never taken in, safe to retry)',
      unanswered.length - cutOff.length,
    );
    report.figure(
      'exit',
      ended ? `${ended.signal ?? `code ${ended.code}`} after ${exitMs} ms` : 'did not exit',
    );

    report.check(`${HELD} requests were in flight at the signal`, waiting === HELD, `${waiting}`);
    report.check(
      'they were answered after the signal, once the lock was released',
      heldOutcomes.every((outcome) => outcome.at >= releasedAt),
    );
    report.check(
      'the in-flight requests finished with 2xx',
      heldOutcomes.every((outcome) => outcome.answer?.status === 201),
      heldAnswers.toString(),
    );
    report.check(
      'new connections were refused',
      probes.every((probe) => probe === 'ECONNREFUSED'),
      probes.join(', '),
    );
    report.check(
      'no request was cut off: every one the server took in was answered',
      cutOff.length === 0,
      cutOff.map((record) => record.error).join(', '),
    );
    report.check(
      'every request sent well before the signal (100 ms) was answered',
      racedBeforeSignal.length === 0,
      racedBeforeSignal.map((record) => record.error).join(', '),
    );
    report.check('no 5xx, every error problem+json', issues.length === 0, issues.slice(0, 5).join(' | '));
    report.check(
      `the process exited by itself within ${EXIT_WITHIN_MS / 1000} s`,
      ended !== undefined && exitMs <= EXIT_WITHIN_MS,
      `${exitMs} ms`,
    );
    report.check(
      'it exited cleanly (SIGTERM re-raised or code 0)',
      ended !== undefined && (ended.signal === 'SIGTERM' || ended.code === 0),
      JSON.stringify(ended),
    );
    report.check('no move ran twice', once.notNamedOnce === 0, once.examples.join(', '));
    report.check('verifyLedger finds no problem', ledger.problems.length === 0, ledger.problems.join('; '));

    expect(report.failures()).toEqual([]);
  });
});
