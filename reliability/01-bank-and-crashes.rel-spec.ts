import { createAccount, createUsers, fundAll, newKey } from './support/accounts';
import { sleep } from '@wallet/testing/wait';
import { db, exactlyOnce, ledgerReport, runLedgerVerify, walletIdsOf } from './support/db';
import { ScenarioReport } from './support/figures';
import { Balancer, moveUntilAnswered } from './support/moves';
import { answerIssues, label, Tally } from './support/problems';
import { ApiProcess } from './support/processes';
import { endScenario, LOAD_RUN_ENV } from './support/scenario';

const WALLETS = 20;
const CLIENTS = 16;
const RUN_MS = Number(process.env.REL_BANK_SECONDS ?? 60) * 1000;
const OPENING_BALANCE = 100_000;
const POLL_EVERY_MS = 50;
/** How often the admin reverses an acknowledged transfer, and how many of them are raced by a second reversal. */
const REVERSE_EVERY_MS = 150;
const PAIRED_SHARE = 0.4;
/** When the nemesis kills an instance, from the start of the run; alternating between the two. */
const KILL_AT_MS = [0.13, 0.33, 0.53, 0.73].map((share) => Math.round(share * RUN_MS));

const bank = new ScenarioReport(
  1,
  'Bank test',
  `Jepsen's bank test: two API processes on one database, ${WALLETS} funded wallets, ${CLIENTS} ` +
    `concurrent clients transferring random amounts between random wallets for ${RUN_MS / 1000} s ` +
    `(daily limits raised for the run), and a poller reading \`SELECT sum(balance), min(balance)\` ` +
    `over the wallets every ${POLL_EVERY_MS} ms. Clients also read their wallet through the API now and then, ` +
    `and an admin reverses acknowledged transfers (docs/design.md §13) while their wallets keep moving: ` +
    `${Math.round(PAIRED_SHARE * 100)} % of them twice at once, one request per leg.`,
);
const crashes = new ScenarioReport(
  2,
  'Crashes (kill -9 during the bank test)',
  'While the bank test runs, one API process at a time is killed with SIGKILL and restarted. Clients ' +
    'that lose an answer (reset, refused) retry the same Idempotency-Key on the other instance until ' +
    'they get a definite answer. Afterwards every acknowledged transaction id is looked up in the ' +
    'database, and every money-move row must be named by exactly one stored idempotency answer.',
);

interface Acknowledged {
  key: string;
  userId: string;
  transactionId: string;
  status: number;
}

describe('bank test with crashes (scenarios 1 and 2)', () => {
  const apis: ApiProcess[] = [];

  afterAll(() => endScenario([bank, crashes], apis));

  it('keeps the total, loses no acknowledged move and moves nothing twice', async () => {
    apis.push(
      ...(await Promise.all([
        ApiProcess.start('bank-a', LOAD_RUN_ENV),
        ApiProcess.start('bank-b', LOAD_RUN_ENV),
      ])),
    );
    const balancer = new Balancer(apis);
    const admin = await createAccount(apis[0].http, 'admin', 'bank-admin');
    const users = await createUsers(WALLETS, 'bank', (i) => apis[i % 2].http);
    await fundAll(apis[0].http, admin, users, OPENING_BALANCE);
    const userIds = users.map((user) => user.id);
    const walletIds = await walletIdsOf(userIds);
    const expectedTotal = WALLETS * OPENING_BALANCE;

    const startedAt = Date.now();
    const endAt = startedAt + RUN_MS;
    let running = true;

    // The poller: one statement is one snapshot, so a transfer half-applied would show.
    const totals = new Map<number, number>();
    let snapshots = 0;
    let negativeSnapshots = 0;
    let lowestBalance = Infinity;
    const poller = (async () => {
      while (running) {
        const { rows } = await db().query<{ total: string; lowest: string }>(
          'SELECT sum(balance) AS total, min(balance) AS lowest FROM wallets WHERE id = ANY($1)',
          [walletIds],
        );
        snapshots++;
        const total = Number(rows[0].total);
        const lowest = Number(rows[0].lowest);
        totals.set(total, (totals.get(total) ?? 0) + 1);
        lowestBalance = Math.min(lowestBalance, lowest);
        if (lowest < 0) negativeSnapshots++;
        await sleep(POLL_EVERY_MS);
      }
    })();

    // The nemesis: kill -9 one instance, restart it, alternate.
    const kills: Array<{ instance: string; atMs: number; downMs: number; exit: string }> = [];
    const nemesis = (async () => {
      for (const [i, atMs] of KILL_AT_MS.entries()) {
        await sleep(Math.max(0, startedAt + atMs - Date.now()));
        if (!running) return;
        const victim = apis[i % 2];
        const killedAt = Date.now();
        const exit = await victim.kill();
        await sleep(300);
        await victim.restart();
        kills.push({
          instance: victim.name,
          atMs: killedAt - startedAt,
          downMs: Date.now() - killedAt,
          exit: exit.signal ?? String(exit.code),
        });
      }
    })();

    const acknowledged: Acknowledged[] = [];
    const statuses = new Tally();
    const unexpected: string[] = [];
    const issues: string[] = [];
    const noAnswer = new Tally();
    let lostAnswers = 0;
    let lostThenReplayed = 0;
    let lostThenExecuted = 0;
    let refusedConnections = 0;
    let inUseWaits = 0;
    let retried503 = 0;
    let apiReads = 0;
    let badApiReads = 0;

    const pick = () => users[Math.floor(Math.random() * users.length)];
    const client = async () => {
      while (Date.now() < endAt) {
        const from = pick();
        if (Math.random() < 0.1) {
          // A read through the API, on whichever instance is up.
          const api = balancer.pick();
          try {
            const answer = await api.http.request({
              method: 'GET',
              path: '/api/v1/wallet',
              headers: from.auth,
            });
            apiReads++;
            if (answer.status !== 200 || !(answer.body.balance >= 0)) badApiReads++;
            issues.push(...answerIssues(answer).map((issue) => `GET /wallet ${label(answer)}: ${issue}`));
          } catch {
            balancer.markDown(api);
          }
          continue;
        }
        // Now and then a self-transfer, which must be refused (422 SELF_TRANSFER) and move nothing.
        const to = Math.random() < 0.02 ? from : pick();
        const amount = 1 + Math.floor(Math.random() * 20_000);
        const key = newKey();
        const outcome = await moveUntilAnswered(
          balancer,
          from,
          key,
          { path: '/api/v1/wallet/transfer', body: { recipientEmail: to.email, amount } },
          {
            onAnswer: (answer) =>
              issues.push(...answerIssues(answer).map((issue) => `transfer ${label(answer)}: ${issue}`)),
          },
        );
        const { answer } = outcome;
        statuses.add(label(answer));
        for (const [code, n] of Object.entries(outcome.noAnswer)) noAnswer.add(code, n);
        refusedConnections += outcome.refused;
        inUseWaits += outcome.inUse;
        retried503 += outcome.unavailable;
        if (outcome.lostAnswer) {
          lostAnswers++;
          if (answer.replayed) lostThenReplayed++;
          else lostThenExecuted++;
        }
        const transactionId =
          answer.status === 201
            ? answer.body?.id
            : answer.status === 422
              ? answer.body?.transactionId
              : undefined;
        if ((answer.status === 201 || answer.status === 422) && typeof transactionId === 'string') {
          acknowledged.push({ key, userId: from.id, transactionId, status: answer.status });
        } else {
          unexpected.push(`${label(answer)}: ${answer.text.slice(0, 200)}`);
        }
      }
    };

    // The corrector: an admin reversing transfers that were acknowledged, while the clients keep
    // transferring out of the same wallets (so a reversal may find the money gone: 422), some of
    // them raced by a second reversal naming the other leg (exactly one may win: the other is 409).
    const reversals: Array<{ original: string; status: number; code?: string; id?: string }> = [];
    const racedPairs: string[][] = [];
    const reversalIssues: string[] = [];
    const corrector = (async () => {
      const tried = new Set<string>();
      while (Date.now() < endAt) {
        await sleep(REVERSE_EVERY_MS);
        const candidates = acknowledged.filter((ack) => ack.status === 201 && !tried.has(ack.transactionId));
        if (candidates.length === 0) continue;
        const target = candidates[Math.floor(Math.random() * candidates.length)].transactionId;
        tried.add(target);
        const names = [target];
        if (Math.random() < PAIRED_SHARE) {
          const { rows } = await db().query<{ id: string }>(
            `SELECT i.id FROM transactions o JOIN transactions i
               ON i.transfer_id = o.transfer_id AND i.type = 'transfer_in' WHERE o.id = $1`,
            [target],
          );
          names.push(rows[0].id);
        }
        const answers = await Promise.all(
          names.map((id) =>
            moveUntilAnswered(balancer, admin, newKey(), {
              path: `/api/v1/admin/transactions/${id}/reverse`,
              body: { reason: 'Bank test correction' },
            }),
          ),
        );
        if (names.length === 2) racedPairs.push(answers.map(({ answer }) => label(answer)));
        for (const { answer } of answers) {
          reversalIssues.push(...answerIssues(answer).map((issue) => `reverse ${label(answer)}: ${issue}`));
          reversals.push({
            original: target,
            status: answer.status,
            code: answer.body?.code,
            id: answer.status === 201 ? answer.body?.id : undefined,
          });
        }
      }
    })();

    await Promise.all([...Array.from({ length: CLIENTS }, client), corrector]);
    running = false;
    await Promise.all([poller, nemesis]);
    const runMs = Date.now() - startedAt;

    // Acknowledged moves must all be there, each with the status it was answered with.
    const ackIds = acknowledged.map((ack) => ack.transactionId);
    const { rows: found } = await db().query<{ id: string; status: string }>(
      `SELECT id, status FROM transactions WHERE id = ANY($1::uuid[]) AND type = 'transfer_out'`,
      [ackIds],
    );
    const foundStatus = new Map(found.map((row) => [row.id, row.status]));
    const missing = acknowledged.filter(
      (ack) => foundStatus.get(ack.transactionId) !== (ack.status === 201 ? 'SUCCESS' : 'FAILED'),
    );

    // Exactly once per key: every move row of these wallets is the stored answer of one key, and
    // each key the clients were answered on names the row they were told about.
    const once = await exactlyOnce(walletIds);
    const { rows: stored } = await db().query<{ user_id: string; key: string; tx: string }>(
      `SELECT user_id, key, coalesce(response_body->>'id', response_body->>'transactionId') AS tx
       FROM idempotency_keys WHERE user_id = ANY($1)`,
      [userIds],
    );
    const storedByKey = new Map(stored.map((row) => [`${row.user_id}/${row.key}`, row.tx]));
    const keyMismatches = acknowledged.filter(
      (ack) => storedByKey.get(`${ack.userId}/${ack.key}`) !== ack.transactionId,
    );
    const { rows: finalRows } = await db().query<{ total: string }>(
      'SELECT sum(balance) AS total FROM wallets WHERE id = ANY($1)',
      [walletIds],
    );

    // Each reversal answered 201 is in the ledger, on both legs; no transfer was reversed twice.
    const reversedIds = reversals.flatMap((one) => (one.id ? [one.id] : []));
    const { rows: reversalRows } = await db().query<{ id: string }>(
      `SELECT r.id FROM transactions r WHERE r.id = ANY($1::uuid[]) AND r.type = 'reversal'`,
      [reversedIds],
    );
    const { rows: perTransfer } = await db().query<{ transfer_id: string; legs: string }>(
      `SELECT o.transfer_id, count(*) AS legs FROM transactions r JOIN transactions o ON o.id = r.reverses_id
       WHERE r.wallet_id = ANY($1) GROUP BY o.transfer_id`,
      [walletIds],
    );
    const reversalOutcomes = new Tally();
    for (const one of reversals)
      reversalOutcomes.add(one.code ? `${one.status} ${one.code}` : String(one.status));
    const allowedReversal = new Set(['201', '409 ALREADY_REVERSED', '422 INSUFFICIENT_FUNDS']);
    const oddReversals = reversalOutcomes.keys().filter((key) => !allowedReversal.has(key));
    const pairsWithTwoWinners = racedPairs.filter((pair) => pair.filter((one) => one === '201').length > 1);
    const pairsWithOneWinner = racedPairs.filter((pair) => pair.includes('201'));

    const ledger = await ledgerReport();
    const cli = await runLedgerVerify();
    const serverErrors = statuses.keys().filter((key) => key.startsWith('5'));
    const succeeded = acknowledged.filter((ack) => ack.status === 201).length;

    bank.figure('run time', `${(runMs / 1000).toFixed(1)} s`);
    bank.figure('API processes / wallets / clients', `2 / ${WALLETS} / ${CLIENTS}`);
    bank.figure('transfers answered', acknowledged.length + unexpected.length);
    bank.figure('transfers succeeded (201)', succeeded);
    bank.figure('transfers refused and recorded (422)', acknowledged.length - succeeded);
    bank.figure('throughput', `${((acknowledged.length / runMs) * 1000).toFixed(0)} transfers/s`);
    bank.figure('answers by status', statuses.toString());
    bank.figure('total-balance snapshots', snapshots);
    bank.figure('distinct totals seen (cents)', [...totals.keys()].join(', '));
    bank.figure('lowest balance seen', lowestBalance);
    bank.figure('reads through the API (bad)', `${apiReads} (${badApiReads})`);
    bank.figure('reversals sent, by answer', reversalOutcomes.toString());
    bank.figure('reversals raced by a second one (pairs)', racedPairs.length);
    bank.figure('… won by exactly one', pairsWithOneWinner.length);
    bank.figure('transfers reversed (both legs in the ledger)', perTransfer.length);
    bank.figure('ledger rows at the end', ledger.transactions);
    bank.figure('ledger:verify', cli.output.split('\n').join(' / '));

    bank.check(
      'the poller took snapshots throughout',
      snapshots >= runMs / (POLL_EVERY_MS * 4),
      `${snapshots}`,
    );
    bank.check(
      'the total never changed',
      totals.size === 1 && totals.has(expectedTotal),
      `expected ${expectedTotal}, saw ${[...totals].map(([t, n]) => `${t} ×${n}`).join(', ')}`,
    );
    bank.check('no balance was ever negative', negativeSnapshots === 0, `${negativeSnapshots} snapshots`);
    bank.check('the final total is the opening total', Number(finalRows[0].total) === expectedTotal);
    bank.check('money moved', succeeded > 100, `${succeeded} transfers succeeded`);
    bank.check(
      'reads through the API answered 200 with balance ≥ 0',
      badApiReads === 0,
      `${badApiReads} bad`,
    );
    bank.check('some transfers were reversed', reversedIds.length > 0, `${reversedIds.length}`);
    bank.check(
      'every reversal answered 201, 409 ALREADY_REVERSED or 422 INSUFFICIENT_FUNDS, as problem+json',
      oddReversals.length === 0 && reversalIssues.length === 0,
      [...oddReversals, ...reversalIssues.slice(0, 3)].join(' | '),
    );
    bank.check(
      'of two reversals of one transfer at once, never both won',
      pairsWithTwoWinners.length === 0,
      pairsWithTwoWinners.map((pair) => pair.join(' + ')).join(', '),
    );
    bank.check(
      'every reversal answered 201 is in the ledger',
      reversalRows.length === reversedIds.length,
      `${reversalRows.length} of ${reversedIds.length}`,
    );
    bank.check(
      'each reversed transfer has exactly two reversal rows, one per leg',
      perTransfer.every((row) => Number(row.legs) === 2) && perTransfer.length === reversedIds.length,
      `${perTransfer.length} transfers for ${reversedIds.length} reversals`,
    );
    bank.check('verifyLedger finds no problem', ledger.problems.length === 0, ledger.problems.join('; '));
    bank.check('npm run ledger:verify exits 0', cli.code === 0, cli.output);

    crashes.figure('kill -9 injected', kills.length);
    crashes.figure(
      'kills (instance @ s, down for)',
      kills.map((k) => `${k.instance} @ ${(k.atMs / 1000).toFixed(1)} s, ${k.downMs} ms`).join('; '),
    );
    crashes.figure('moves acknowledged (201 or 422)', acknowledged.length);
    crashes.figure('acknowledged moves missing from the database', missing.length);
    crashes.figure('answers lost (reset or cut short) and retried', lostAnswers);
    crashes.figure('… of which had been done: replayed', lostThenReplayed);
    crashes.figure('… of which had not been done: executed on retry', lostThenExecuted);
    crashes.figure('connections refused (instance down), retried', refusedConnections);
    crashes.figure('409 IDEMPOTENCY_KEY_IN_USE waited out', inUseWaits);
    crashes.figure('503 retried', retried503);
    crashes.figure('attempts without an answer, by error', noAnswer.toString());
    crashes.figure(
      "money-move rows (opening deposits included) / the users' idempotency keys",
      `${once.moves} / ${stored.length}`,
    );
    crashes.figure('rows not named by exactly one key (moved twice)', once.notNamedOnce);

    crashes.check('at least 3 kills were injected', kills.length >= 3, `${kills.length}`);
    crashes.check(
      'every instance exited by SIGKILL',
      kills.every((k) => k.exit === 'SIGKILL'),
    );
    crashes.check(
      'every acknowledged move is in the database as answered',
      missing.length === 0,
      missing
        .slice(0, 5)
        .map((ack) => ack.transactionId)
        .join(', '),
    );
    crashes.check(
      'no move ran twice: each move row is the answer of exactly one key',
      once.notNamedOnce === 0,
      once.examples.join(', '),
    );
    crashes.check(
      'each key’s stored answer is the one the client got',
      keyMismatches.length === 0,
      `${keyMismatches.length} mismatches`,
    );
    crashes.check('no 5xx answered', serverErrors.length === 0, serverErrors.join(', '));
    crashes.check(
      'every error answer is problem+json with a known code',
      issues.length === 0,
      issues.slice(0, 3).join(' | '),
    );
    crashes.check('no other unexpected answer', unexpected.length === 0, unexpected.slice(0, 3).join(' | '));

    expect([...bank.failures(), ...crashes.failures()]).toEqual([]);
  });
});
