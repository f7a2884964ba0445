import { createAccount, createUsers, fundAll, newKey } from './support/accounts';
import { sleep } from '@wallet/testing/wait';
import { db, exactlyOnce, ledgerReport, walletIdsOf } from './support/db';
import { ScenarioReport } from './support/figures';
import { HttpAnswer, HttpRequest, NoAnswerError } from './support/http';
import { Balancer, moveUntilAnswered } from './support/moves';
import { answerIssues, label, Tally } from './support/problems';
import { ApiProcess } from './support/processes';
import { endScenario, LOAD_RUN_ENV } from './support/scenario';

const USERS = 10;
const CLIENTS = 12;
/** Dozens of times, at random moments: a connection can be mid-query, idle in a pool, or checked out between statements. */
const FAULTS = 30;
const FAULT_GAP_MS = [200, 900] as const;

const report = new ScenarioReport(
  3,
  'Database faults (pg_terminate_backend)',
  `One API process under mixed load (${CLIENTS} clients: transfers, withdrawals, deposits, wallet and ` +
    `history reads, sign-ins). ${FAULTS} times, ${FAULT_GAP_MS[0]}–${FAULT_GAP_MS[1]} ms apart at random, every Postgres ` +
    "connection of the API is terminated (`pg_terminate_backend` on `application_name = 'wallet-api'`), " +
    'mid-query or mid-transaction. Each answer must be a success, an expected refusal, or 503 ' +
    'problem+json SERVICE_UNAVAILABLE with Retry-After; never a 500. Money moves answered 503 are ' +
    'retried with the same key. Afterwards the same process must serve every kind of request again.',
);

describe('database faults (scenario 3)', () => {
  let api: ApiProcess | undefined;

  afterAll(() => endScenario([report], [api]));

  it('answers 503 or succeeds while its connections are killed, and recovers by itself', async () => {
    api = await ApiProcess.start('db-faults', LOAD_RUN_ENV);
    const balancer = new Balancer([api]);
    const http = api.http;
    const admin = await createAccount(api.http, 'admin', 'dbf-admin');
    const users = await createUsers(USERS, 'dbf', () => http);
    await fundAll(api.http, admin, users, 50_000);
    const pid = api.pid;

    const statuses = new Tally();
    const byKind = new Map<string, Tally>();
    const issues: string[] = [];
    const noAnswer = new Tally();
    const acknowledged: string[] = [];
    const observe = (kind: string, answer: HttpAnswer) => {
      statuses.add(label(answer));
      if (!byKind.has(kind)) byKind.set(kind, new Tally());
      byKind.get(kind)!.add(label(answer));
      const problems = answerIssues(answer);
      if (answer.status >= 500 && answer.status !== 503) problems.push(`status ${answer.status}`);
      if (answer.status === 503 && answer.body?.code !== 'SERVICE_UNAVAILABLE') problems.push('503 code');
      if (problems.length > 0) issues.push(`${kind} ${label(answer)}: ${problems.join(', ')}`);
    };
    const pick = () => users[Math.floor(Math.random() * users.length)];

    const oneRequest = async (): Promise<void> => {
      const user = pick();
      const dice = Math.random();
      if (dice < 0.55) {
        const outcome = await moveUntilAnswered(
          balancer,
          user,
          newKey(),
          {
            path: '/api/v1/wallet/transfer',
            body: { recipientEmail: pick().email, amount: 1 + Math.floor(Math.random() * 3_000) },
          },
          { onAnswer: (answer) => observe('transfer', answer) },
        );
        if (outcome.answer.status === 201) acknowledged.push(String(outcome.answer.body.id));
        return;
      }
      if (dice < 0.65) {
        const outcome = await moveUntilAnswered(
          balancer,
          user,
          newKey(),
          { path: '/api/v1/wallet/withdraw', body: { amount: 1 + Math.floor(Math.random() * 500) } },
          { onAnswer: (answer) => observe('withdraw', answer) },
        );
        if (outcome.answer.status === 201) acknowledged.push(String(outcome.answer.body.id));
        return;
      }
      if (dice < 0.7) {
        const outcome = await moveUntilAnswered(
          balancer,
          admin,
          newKey(),
          {
            path: `/api/v1/admin/users/${user.id}/deposit`,
            body: { amount: 1 + Math.floor(Math.random() * 500) },
          },
          { onAnswer: (answer) => observe('deposit', answer) },
        );
        if (outcome.answer.status === 201) acknowledged.push(String(outcome.answer.body.id));
        return;
      }
      const [kind, request]: [string, HttpRequest] =
        dice < 0.82
          ? ['wallet', { method: 'GET', path: '/api/v1/wallet', headers: user.auth }]
          : dice < 0.94
            ? ['history', { method: 'GET', path: '/api/v1/wallet/transactions?limit=5', headers: user.auth }]
            : dice < 0.97
              ? ['admin users', { method: 'GET', path: '/api/v1/admin/users?limit=5', headers: admin.auth }]
              : [
                  'sign-in',
                  {
                    method: 'POST',
                    path: '/api/v1/auth/login',
                    body: { email: user.email, password: user.password },
                  },
                ];
      try {
        observe(kind, await http.request(request));
      } catch (error) {
        if (!(error instanceof NoAnswerError)) throw error;
        noAnswer.add(`${kind} ${error.code}`);
      }
    };

    let running = true;
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (running) await oneRequest();
    });

    const terminated: number[] = [];
    for (let fault = 0; fault < FAULTS; fault++) {
      await sleep(FAULT_GAP_MS[0] + Math.random() * (FAULT_GAP_MS[1] - FAULT_GAP_MS[0]));
      // OFFSET 0 keeps the filter inside the subquery: Postgres may otherwise call
      // pg_terminate_backend on rows (other databases, this connection) before filtering them out.
      const { rows } = await db().query<{ pid: number }>(
        `SELECT pid FROM (
           SELECT pid FROM pg_stat_activity
           WHERE application_name = 'wallet-api' AND datname = current_database() OFFSET 0
         ) api WHERE pg_terminate_backend(pid)`,
      );
      terminated.push(rows.length);
    }
    await sleep(1_000);
    running = false;
    await Promise.all(clients);
    const during = statuses.total();

    // Recovery: the same process, with no restart, serves every kind of request again.
    const recoveryStarted = Date.now();
    const recovery = new Tally();
    for (let round = 0; round < 20; round++) {
      const user = pick();
      const answers = await Promise.all([
        api.http.request({ method: 'GET', path: '/api/v1/wallet', headers: user.auth }),
        api.http.request({ method: 'GET', path: '/api/v1/wallet/transactions', headers: user.auth }),
        api.http.request({
          method: 'POST',
          path: '/api/v1/wallet/withdraw',
          headers: { ...user.auth, 'idempotency-key': newKey() },
          body: { amount: 1 },
        }),
        api.http.request({
          method: 'POST',
          path: '/api/v1/wallet/transfer',
          headers: { ...user.auth, 'idempotency-key': newKey() },
          body: { recipientEmail: pick().email, amount: 1 },
        }),
      ]);
      for (const answer of answers) recovery.add(label(answer));
    }
    const recoveryMs = Date.now() - recoveryStarted;
    const recoveryOk = recovery.keys().every((key) => /^(200|201|422 SELF_TRANSFER)$/.test(key));

    const { rows: found } = await db().query<{ n: string }>(
      `SELECT count(*) AS n FROM transactions WHERE id = ANY($1::uuid[]) AND status = 'SUCCESS'`,
      [acknowledged],
    );
    const ledger = await ledgerReport();
    const once = await exactlyOnce(await walletIdsOf(users.map((user) => user.id)));

    report.figure('faults injected', FAULTS);
    report.figure('connections terminated per fault', terminated.join(', '));
    report.figure('answers during the faults', during);
    report.figure('answers by status', statuses.toString());
    for (const [kind, tally] of byKind) report.figure(`… ${kind}`, tally.toString());
    report.figure('requests without an answer', noAnswer.toString());
    report.note(
      '429 on sign-in is the per-email limit (5 a minute) doing its job: users sign in again and again.',
    );
    report.figure('money moves acknowledged', acknowledged.length);
    report.figure('acknowledged moves missing', acknowledged.length - Number(found[0].n));
    report.figure('recovery requests (after the last fault)', `${recovery.toString()} in ${recoveryMs} ms`);

    report.check(
      'every fault hit live connections',
      terminated.every((n) => n > 0),
      terminated.join(', '),
    );
    report.check(
      'some requests were answered 503 (the faults bit)',
      statuses.get('503 SERVICE_UNAVAILABLE') > 0,
    );
    report.check(
      'never a 500, every error problem+json with a known code',
      issues.length === 0,
      issues.slice(0, 5).join(' | '),
    );
    report.check('no request went unanswered', noAnswer.total() === 0, noAnswer.toString());
    report.check('every acknowledged move is in the database', Number(found[0].n) === acknowledged.length);
    report.check(
      'no move ran twice: each move row is the answer of exactly one key',
      once.notNamedOnce === 0,
      once.examples.join(', '),
    );
    report.check('verifyLedger finds no problem', ledger.problems.length === 0, ledger.problems.join('; '));
    report.check('the same process is still running (no restart)', api.alive && api.pid === pid);
    report.check('after the faults every kind of request succeeds again', recoveryOk, recovery.toString());

    expect(report.failures()).toEqual([]);
  });
});
