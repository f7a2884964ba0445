import { QueueName } from '@wallet/shared';
import { queueKeyPrefix } from '@wallet/messaging';
import { Queue } from 'bullmq';
import { join } from 'node:path';
import { PrivateRedis } from '@wallet/testing/redis-server';
import { type MailCatcher, startMailCatcher } from '@wallet/testing/mail-catcher';
import { Account, createAccount, createUsers, newKey } from './support/accounts';
import { sleep } from '@wallet/testing/wait';
import { db, exactlyOnce, ledgerReport, runLedgerVerify, useOwnDatabase, walletIdsOf } from './support/db';
import { ScenarioReport } from './support/figures';
import { HttpAnswer, HttpRequest, NoAnswerError } from './support/http';
import { Balancer, moveUntilAnswered } from './support/moves';
import { answerIssues, label, Tally } from './support/problems';
import { ApiProcess, WorkerProcess } from './support/processes';
import { endScenario } from './support/scenario';
import { runSettings, TMP_DIR } from './support/settings';

const USERS = 6;
const CLIENTS = 6;
const OUTAGE_STARTS_MS = 5_000;
const OUTAGE_MS = 6_000;
const LOAD_MS = 16_000;
/**
 * Money moves are paced (reads are not): each one is an email, and the worker sends a few dozen a
 * second on this machine, so an unpaced run would spend most of its time waiting for the mail.
 */
const MOVE_EVERY_MS = 40;
/** How long the outbox and the mail may take to catch up once Redis is back. */
const DRAIN_WITHIN_MS = 45_000;

const report = new ScenarioReport(
  4,
  'Redis faults (crash and restart under load, with the worker)',
  `Two API processes and the worker process on a Redis of their own (append-only file, fsync ` +
    `always, as BullMQ needs), an SMTP server in the test process, a database of the scenario's own. ` +
    `${CLIENTS} clients move money (transfers, admin deposits) and read wallets and histories for ` +
    `${LOAD_MS / 1000} s; ${OUTAGE_STARTS_MS / 1000} s in, Redis is killed with SIGKILL and started ` +
    `again ${OUTAGE_MS / 1000} s later. Money moves and reads must go on during the outage (cache and ` +
    'queues are never the source of truth), the outbox must drain afterwards, and every acknowledged ' +
    'deposit and transfer must produce exactly one email, counted by the transaction id it names.',
);

/** A move whose email is expected: the transaction id the email names, and its recipient. */
interface MailedMove {
  kind: 'deposit' | 'transfer';
  /** The id in the answer: the deposit row, or the transfer_out row. */
  answeredId: string;
  recipientEmail: string;
  duringOutage: boolean;
}

describe('Redis faults (scenario 4)', () => {
  let apis: ApiProcess[] = [];
  let redis: PrivateRedis | undefined;
  let mail: MailCatcher | undefined;

  afterAll(() =>
    endScenario([report], apis, async () => {
      await mail?.stop();
      await redis?.destroy();
    }),
  );

  it('moves money, reads and mails through a Redis crash, losing and doubling nothing', async () => {
    const databaseUrl = await useOwnDatabase('redis');
    redis = await PrivateRedis.start({ dataDir: join(TMP_DIR, 'redis-faults') });
    mail = await startMailCatcher();
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      SMTP_HOST: mail.env.SMTP_HOST,
      SMTP_PORT: mail.env.SMTP_PORT,
      DAILY_TRANSFER_LIMIT: '100000000000',
      SESSION_IDLE_TIMEOUT_SECONDS: '600',
    };
    const worker = await WorkerProcess.start('redis-worker', env);
    apis = await Promise.all([ApiProcess.start('redis-a', env), ApiProcess.start('redis-b', env)]);
    const balancer = new Balancer(apis);
    const admin = await createAccount(apis[0].http, 'admin', 'rf-admin');
    const users = await createUsers(USERS, 'rf', (i) => apis[i % 2].http, 3);

    const mailed: MailedMove[] = [];
    const statuses = new Tally();
    const duringOutage = new Tally();
    const issues: string[] = [];
    const noAnswer = new Tally();
    let outage = false;
    const observe = (kind: string, answer: HttpAnswer) => {
      statuses.add(`${kind} ${label(answer)}`);
      if (outage) duringOutage.add(`${kind} ${label(answer)}`);
      issues.push(...answerIssues(answer).map((issue) => `${kind} ${label(answer)}: ${issue}`));
      if (answer.status >= 500) issues.push(`${kind} answered ${answer.status}`);
    };
    const deposit = async (user: Account, amount: number) => {
      const outcome = await moveUntilAnswered(
        balancer,
        admin,
        newKey(),
        { path: `/api/v1/admin/users/${user.id}/deposit`, body: { amount } },
        { onAnswer: (answer) => observe('deposit', answer) },
      );
      if (outcome.answer.status === 201) {
        mailed.push({
          kind: 'deposit',
          answeredId: String(outcome.answer.body.id),
          recipientEmail: user.email,
          duringOutage: outage,
        });
      }
    };
    for (const user of users) await deposit(user, 50_000);

    const pick = () => users[Math.floor(Math.random() * users.length)];
    const read = async (kind: string, request: HttpRequest) => {
      const api = balancer.pick();
      try {
        observe(kind, await api.http.request(request));
      } catch (error) {
        if (!(error instanceof NoAnswerError)) throw error;
        noAnswer.add(`${kind} ${error.code}`);
      }
    };
    const startedAt = Date.now();
    let nextMoveAt = startedAt;
    /** Takes the next slot for a money move, or says to read instead when it is not due yet. */
    const moveDue = () => {
      if (Date.now() < nextMoveAt) return false;
      nextMoveAt = Math.max(nextMoveAt + MOVE_EVERY_MS, Date.now() - MOVE_EVERY_MS);
      return true;
    };
    const client = async () => {
      while (Date.now() - startedAt < LOAD_MS) {
        const user = pick();
        const dice = moveDue() ? Math.random() * 0.6 : 0.6 + Math.random() * 0.4;
        if (dice < 0.5) {
          const to = pick();
          const outcome = await moveUntilAnswered(
            balancer,
            user,
            newKey(),
            {
              path: '/api/v1/wallet/transfer',
              body: { recipientEmail: to.email, amount: 1 + Math.floor(Math.random() * 2_000) },
            },
            { onAnswer: (answer) => observe('transfer', answer) },
          );
          if (outcome.answer.status === 201) {
            mailed.push({
              kind: 'transfer',
              answeredId: String(outcome.answer.body.id),
              recipientEmail: to.email,
              duringOutage: outage,
            });
          }
        } else if (dice < 0.6) {
          await deposit(user, 1 + Math.floor(Math.random() * 1_000));
        } else if (dice < 0.85) {
          await read('wallet', { method: 'GET', path: '/api/v1/wallet', headers: user.auth });
        } else {
          await read('history', {
            method: 'GET',
            path: '/api/v1/wallet/transactions?limit=5',
            headers: user.auth,
          });
        }
      }
    };
    const nemesis = (async () => {
      await sleep(OUTAGE_STARTS_MS);
      await redis.stop();
      outage = true;
      await sleep(OUTAGE_MS);
      outage = false;
      await redis.start();
    })();
    await Promise.all([...Array.from({ length: CLIENTS }, client), nemesis]);
    const loadEndedAt = Date.now();
    const receivedByLoadEnd = mail.messages.length;

    // The outbox drains: every row is queued once Redis is back.
    let pending = -1;
    while (Date.now() - loadEndedAt < DRAIN_WITHIN_MS) {
      const { rows } = await db().query<{ n: string }>(
        'SELECT count(*) AS n FROM outbox WHERE queued_at IS NULL',
      );
      pending = Number(rows[0].n);
      if (pending === 0) break;
      await sleep(250);
    }
    const drainedMs = Date.now() - loadEndedAt;

    // Which transaction id each email must name: the deposit row, or the transfer's incoming row.
    const { rows: incoming } = await db().query<{ out_id: string; in_id: string }>(
      `SELECT o.id AS out_id, i.id AS in_id FROM transactions o
       JOIN transactions i ON i.transfer_id = o.transfer_id AND i.type = 'transfer_in'
       WHERE o.type = 'transfer_out' AND o.id = ANY($1::uuid[])`,
      [mailed.filter((move) => move.kind === 'transfer').map((move) => move.answeredId)],
    );
    const incomingOf = new Map(incoming.map((row) => [row.out_id, row.in_id]));
    const expected = mailed.map((move) => ({
      ...move,
      mailId: move.kind === 'deposit' ? move.answeredId : (incomingOf.get(move.answeredId) ?? 'missing'),
    }));
    const mailsNaming = (id: string) =>
      mail!.messages.filter((message) => message.text.includes(`Transaction: ${id}`));
    const waitedFrom = Date.now();
    while (
      Date.now() - waitedFrom < DRAIN_WITHIN_MS &&
      expected.some((move) => mailsNaming(move.mailId).length === 0)
    ) {
      await sleep(250);
    }
    const allMailedMs = Date.now() - loadEndedAt;
    const emailQueue = new Queue(QueueName.EMAIL, {
      connection: { url: redis.url },
      prefix: queueKeyPrefix(runSettings().redisPrefix),
    });
    emailQueue.on('error', () => undefined);
    const queueCounts = await emailQueue.getJobCounts(
      'waiting',
      'active',
      'delayed',
      'failed',
      'completed',
      'prioritized',
    );
    const failedJobs = (await emailQueue.getFailed(0, 4)).map((job) => `${job.id}: ${job.failedReason}`);
    await emailQueue.close();
    await sleep(3_000); // time for a duplicate to show up
    const lost = expected.filter((move) => mailsNaming(move.mailId).length === 0);
    const doubled = expected.filter((move) => mailsNaming(move.mailId).length > 1);
    const misaddressed = expected.filter((move) =>
      mailsNaming(move.mailId).some((message) => !message.envelopeTo.includes(move.recipientEmail)),
    );

    // Reads after the outage see every write: no cached value outlived a write made during it.
    const { rows: truth } = await db().query<{ user_id: string; balance: string }>(
      'SELECT user_id, balance FROM wallets WHERE user_id = ANY($1)',
      [users.map((user) => user.id)],
    );
    const balanceOf = new Map(truth.map((row) => [row.user_id, Number(row.balance)]));
    const stale: string[] = [];
    for (const api of apis) {
      for (const user of users) {
        const answer = await api.http.request({ method: 'GET', path: '/api/v1/wallet', headers: user.auth });
        if (answer.body?.balance !== balanceOf.get(user.id)) {
          stale.push(
            `${api.name} shows ${String(answer.body?.balance)} for a balance of ${balanceOf.get(user.id)}`,
          );
        }
      }
    }

    const ledger = await ledgerReport();
    const cli = await runLedgerVerify();
    const once = await exactlyOnce(await walletIdsOf(users.map((user) => user.id)));
    const movesDuringOutage = duringOutage
      .keys()
      .filter((key) => /^(transfer|deposit) 201$/.test(key))
      .reduce((sum, key) => sum + duringOutage.get(key), 0);
    const readsDuringOutage = duringOutage
      .keys()
      .filter((key) => /^(wallet|history) 200$/.test(key))
      .reduce((sum, key) => sum + duringOutage.get(key), 0);

    report.figure(
      'Redis outage',
      `SIGKILL at ${OUTAGE_STARTS_MS / 1000} s, restarted ${OUTAGE_MS / 1000} s later`,
    );
    report.figure('answers by kind and status', statuses.toString());
    report.figure('answers during the outage', duringOutage.toString());
    report.figure('requests without an answer', noAnswer.toString());
    report.figure('emails expected (deposits + transfers acknowledged)', expected.length);
    report.figure(
      '… of which for moves made during the outage',
      expected.filter((move) => move.duringOutage).length,
    );
    report.figure('emails received', mail.messages.length);
    report.figure(
      'outbox drained after the load',
      pending === 0 ? `${drainedMs} ms` : `no: ${pending} pending`,
    );
    report.figure('last expected email received after the load', `${allMailedMs} ms`);
    report.figure(
      'worker email throughput after the load',
      `${(((mail.messages.length - receivedByLoadEnd) / Math.max(allMailedMs, 1)) * 1000).toFixed(0)} emails/s`,
    );
    report.figure(
      'email queue at the end',
      Object.entries(queueCounts)
        .map(([state, n]) => `${state} ${n}`)
        .join(', '),
    );
    if (failedJobs.length > 0) report.note(`failed email jobs: ${failedJobs.join(' | ')}`);
    report.figure(
      'emails lost / sent twice / misaddressed',
      `${lost.length} / ${doubled.length} / ${misaddressed.length}`,
    );
    report.figure('stale reads after the outage', stale.length);
    report.figure('ledger:verify', cli.output.split('\n').join(' / '));

    report.check('money moved during the outage', movesDuringOutage > 0, `${movesDuringOutage} moves`);
    report.check('reads were served during the outage', readsDuringOutage > 0, `${readsDuringOutage} reads`);
    report.check('no 5xx, every error problem+json', issues.length === 0, issues.slice(0, 5).join(' | '));
    report.check('every request got an answer', noAnswer.total() === 0, noAnswer.toString());
    report.check('the outbox drained', pending === 0, `${pending} pending`);
    report.check(
      'no email lost',
      lost.length === 0,
      lost
        .slice(0, 5)
        .map((move) => `${move.kind} ${move.mailId}`)
        .join(', '),
    );
    report.check(
      'no email sent twice',
      doubled.length === 0,
      doubled
        .slice(0, 5)
        .map((move) => move.mailId)
        .join(', '),
    );
    report.check('every email went to the right person', misaddressed.length === 0);
    report.check(
      'reads after the outage show the database’s balance',
      stale.length === 0,
      stale.slice(0, 3).join('; '),
    );
    report.check('no move ran twice', once.notNamedOnce === 0, once.examples.join(', '));
    report.check('verifyLedger finds no problem', ledger.problems.length === 0, ledger.problems.join('; '));
    report.check('npm run ledger:verify exits 0', cli.code === 0, cli.output);
    report.check(
      'the worker and the API processes kept running',
      worker.alive && apis.every((api) => api.alive),
    );

    expect(report.failures()).toEqual([]);
  });
});
