import fc from 'fast-check';
import {
  type Account,
  createAccount,
  createUsers,
  fundAll,
  mapLimit,
  newKey,
  signIn,
} from './support/accounts';
import { db, exactlyOnce, ledgerReport, walletIdsOf } from './support/db';
import { ScenarioReport } from './support/figures';
import { HttpAnswer, HttpRequest, NoAnswerError } from './support/http';
import {
  KEY_POOL,
  loadRoutes,
  Plan,
  planArbitrary,
  SPARE_USERS,
  USERS_IN_PLAY,
} from './support/openapi-fuzz';
import { answerIssues, label, Tally } from './support/problems';
import { ApiProcess } from './support/processes';
import { endScenario, LOAD_RUN_ENV } from './support/scenario';
import { runSettings } from './support/settings';

const REQUESTS = Number(process.env.REL_FUZZ_REQUESTS ?? 10_400);
const BATCH = 400;
const CONCURRENCY = 8;
const SEED = Number(process.env.REL_FUZZ_SEED ?? Date.now() % 2 ** 31);

const report = new ScenarioReport(
  7,
  'Fuzzing from openapi.json (fast-check)',
  `${REQUESTS} requests drawn by fast-check (seed ${SEED}; rerun with REL_FUZZ_SEED=${SEED}) from the ` +
    'routes, parameters and body schemas of openapi.json: valid-ish and hostile bodies, query strings, ' +
    'path ids, Authorization and Idempotency-Key headers, content types, raw and malformed JSON, ' +
    `prototype-pollution keys, oversized and deeply nested bodies; ${CONCURRENCY} at a time on keep-alive ` +
    `connections, in batches of ${BATCH}. After each batch the ledger is reconciled with the answers: ` +
    'every new SUCCESS row must be the id of a 2xx answer, every new FAILED row the transactionId of a ' +
    '422, and every balance change the sum of its new rows.',
);

interface Materialized {
  request: HttpRequest;
  /** Short, token-free description for the report. */
  describe: string;
}

describe('fuzzing (scenario 7)', () => {
  let api: ApiProcess | undefined;

  afterAll(() => endScenario([report], [api]));

  it('never answers 5xx or a non-problem error, and never moves money on a refusal', async () => {
    // Four eyes from just above the funding deposits (docs/design.md §15): those run at once, and
    // fuzzed deposits above them are requests (202) that move nothing.
    api = await ApiProcess.start('fuzz', {
      ...LOAD_RUN_ENV,
      LOGIN_RATE_LIMIT_PER_EMAIL: '1000000',
      APPROVAL_THRESHOLD: '1000000',
    });
    const http = api.http;
    const pid = api.pid;
    let admin = await createAccount(http, 'admin', 'fz-admin');
    let spareAdmin = await createAccount(http, 'admin', 'fz-spare-admin');
    const users = await createUsers(USERS_IN_PLAY, 'fz', () => http);
    const spares = await createUsers(SPARE_USERS, 'fz-spare', () => http);
    await fundAll(http, admin, [...users, ...spares], 1_000_000);
    const keyPool = Array.from({ length: KEY_POOL }, () => newKey());
    const emails = [...users, ...spares, admin].map((account) => account.email);

    const materialize = (plan: Plan): Materialized => {
      const id =
        plan.pathId === undefined
          ? undefined
          : plan.pathId.kind === 'user'
            ? users[plan.pathId.index].id
            : plan.pathId.kind === 'spare user'
              ? spares[plan.pathId.index].id
              : plan.pathId.kind === 'admin'
                ? admin.id
                : plan.pathId.value;
      const headers: Record<string, string> = { ...plan.headers };
      switch (plan.caller.kind) {
        case 'user':
          Object.assign(headers, users[plan.caller.index].auth);
          break;
        case 'admin':
          Object.assign(headers, admin.auth);
          break;
        case 'spare user':
          Object.assign(headers, spares[plan.caller.index].auth);
          break;
        case 'spare admin':
          Object.assign(headers, spareAdmin.auth);
          break;
        case 'header':
          headers.authorization = plan.caller.value;
          break;
        case 'none':
          break;
      }
      if (plan.key.kind === 'fresh') headers['idempotency-key'] = newKey();
      if (plan.key.kind === 'pool') headers['idempotency-key'] = keyPool[plan.key.index];
      if (plan.key.kind === 'raw') headers['idempotency-key'] = plan.key.value;
      if (plan.adminSecret) headers['x-admin-secret'] = runSettings().adminSecret;
      let body: string | undefined;
      if (plan.body.kind === 'json') body = JSON.stringify(plan.body.value);
      if (plan.body.kind === 'raw') body = plan.body.text;
      if (body !== undefined) headers['content-type'] = plan.contentType ?? '';
      if (headers['content-type'] === '') delete headers['content-type'];
      const path = `${id === undefined ? plan.path : plan.path.replace('{id}', id)}${plan.query}`;
      return {
        request: { method: plan.method, path, headers, body, timeoutMs: 30_000 },
        describe:
          `${plan.method} ${path.slice(0, 200)} as ${plan.caller.kind} key=${plan.key.kind} ` +
          `type=${String(plan.contentType)} body=${(body ?? '').slice(0, 200)}`,
      };
    };

    const plans = fc.sample(planArbitrary(loadRoutes(), emails), { numRuns: REQUESTS, seed: SEED });

    const statuses = new Tally();
    const byRoute = new Map<string, Tally>();
    const findings = new Map<string, string>();
    let serverErrors = 0;
    let problemIssues = 0;
    let unanswered = 0;
    let ledgerBreaks = 0;
    let sent = 0;
    const breaks: string[] = [];

    /** Re-opens sessions and undoes freezes and deactivations the fuzz did to its own accounts. */
    const heal = async () => {
      const alive = async (account: Account) =>
        (await http.request({ method: 'GET', path: '/api/v1/auth/me', headers: account.auth })).status ===
        200;
      if (!(await alive(admin))) admin = await signIn(http, admin);
      if (!(await alive(spareAdmin))) spareAdmin = await signIn(http, spareAdmin);
      for (const accounts of [users, spares]) {
        for (const [i, user] of accounts.entries()) {
          for (const action of ['activate', 'unfreeze']) {
            await http.request({
              method: 'POST',
              path: `/api/v1/admin/users/${user.id}/${action}`,
              headers: admin.auth,
            });
          }
          if (!(await alive(user))) accounts[i] = await signIn(http, user);
        }
      }
    };

    const balances = async () => {
      const { rows } = await db().query<{ id: string; balance: string }>('SELECT id, balance FROM wallets');
      return new Map(rows.map((row) => [row.id, Number(row.balance)]));
    };
    const lastSeq = async () =>
      Number(
        (await db().query<{ seq: string }>('SELECT coalesce(max(seq), 0) AS seq FROM transactions')).rows[0]
          .seq,
      );

    for (let start = 0; start < plans.length; start += BATCH) {
      await heal();
      const before = await balances();
      const fromSeq = await lastSeq();
      const moved = new Set<string>();
      const refusedRows = new Set<string>();
      await mapLimit(plans.slice(start, start + BATCH), CONCURRENCY, async (plan) => {
        const { request, describe } = materialize(plan);
        let answer: HttpAnswer;
        try {
          answer = await http.request(request);
        } catch (error) {
          if (!(error instanceof NoAnswerError)) throw error;
          unanswered++;
          findings.set(`no answer ${error.code} ${plan.route}`, describe);
          return;
        }
        sent++;
        statuses.add(answer.status >= 500 ? `${answer.status}` : `${Math.floor(answer.status / 100)}xx`);
        if (!byRoute.has(plan.route)) byRoute.set(plan.route, new Tally());
        byRoute.get(plan.route)!.add(label(answer));
        const issues = answerIssues(answer);
        if (answer.status >= 500) {
          serverErrors++;
          issues.push(`status ${answer.status}`);
        }
        if (issues.length > 0) {
          if (answer.status < 500) problemIssues++;
          findings.set(
            `${plan.route} ${label(answer)} ${issues.join(', ')}`,
            `${describe} → ${answer.text.slice(0, 300)}`,
          );
        }
        const money = /\/(withdraw|transfer|deposit|reverse)$/.test(request.path.split('?')[0]);
        // 201 is a move; a 202 is a four-eyes request (docs/design.md §15), which must write no
        // ledger row: any row it wrote would match no answer below.
        if (money && !answer.replayed && answer.status === 201) moved.add(String(answer.body?.id));
        if (money && !answer.replayed && answer.status === 422 && answer.body?.transactionId) {
          refusedRows.add(String(answer.body.transactionId));
        }
      });

      // Reconcile the ledger with the answers of this batch.
      const after = await balances();
      const { rows } = await db().query<{
        id: string;
        wallet_id: string;
        type: string;
        delta: string;
        status: string;
      }>(
        // ledger_delta: the signed change, a reversal's the opposite of the row it undoes.
        `SELECT t.id, t.wallet_id, t.type, ledger_delta(t.type, t.amount, o.type) AS delta, t.status
         FROM transactions t LEFT JOIN transactions o ON o.id = t.reverses_id WHERE t.seq > $1`,
        [fromSeq],
      );
      const expectedDelta = new Map<string, number>();
      for (const row of rows.filter((row) => row.status === 'SUCCESS')) {
        expectedDelta.set(row.wallet_id, (expectedDelta.get(row.wallet_id) ?? 0) + Number(row.delta));
      }
      for (const [wallet, balance] of after) {
        const delta = balance - (before.get(wallet) ?? 0);
        if (delta !== (expectedDelta.get(wallet) ?? 0)) {
          ledgerBreaks++;
          breaks.push(
            `wallet ${wallet} changed by ${delta}, its new rows say ${expectedDelta.get(wallet) ?? 0}`,
          );
        }
      }
      const moves = rows.filter((row) => row.type !== 'transfer_in');
      for (const row of moves) {
        const answered = row.status === 'SUCCESS' ? moved.has(row.id) : refusedRows.has(row.id);
        if (!answered) {
          ledgerBreaks++;
          breaks.push(
            `${row.status} ${row.type} row ${row.id} matches no ${row.status === 'SUCCESS' ? '2xx' : '422'} answer`,
          );
        }
      }
      const written = new Set(moves.map((row) => row.id));
      for (const id of [...moved, ...refusedRows]) {
        if (!written.has(id)) {
          ledgerBreaks++;
          breaks.push(`answered move ${id} has no new ledger row`);
        }
      }
    }

    const ledger = await ledgerReport();
    const once = await exactlyOnce(await walletIdsOf([...users, ...spares].map((user) => user.id)));
    const findingList = [...findings].slice(0, 10).map(([what, example]) => `${what}: ${example}`);

    report.figure('seed', SEED);
    report.figure('requests generated / answered', `${plans.length} / ${sent}`);
    report.figure('answers by class', statuses.toString());
    report.figure('routes fuzzed', byRoute.size);
    for (const [route, tally] of [...byRoute].sort(([a], [b]) => a.localeCompare(b))) {
      report.figure(`… ${route}`, tally.toString());
    }
    report.figure('5xx answers', serverErrors);
    report.figure('error answers that were not problem+json with a known code', problemIssues);
    report.figure('requests without an answer', unanswered);
    report.figure('ledger breaks (money moved without a 2xx, or rows without answers)', ledgerBreaks);
    for (const finding of findingList) report.note(finding);

    report.check(`at least 10,000 requests were answered`, sent >= 10_000 || REQUESTS < 10_000, `${sent}`);
    report.check('no 5xx', serverErrors === 0, findingList.join(' | '));
    report.check(
      'every error answer is problem+json with a known code',
      problemIssues === 0,
      findingList.join(' | '),
    );
    report.check('every request got an answer', unanswered === 0, `${unanswered}`);
    report.check(
      'no money moved and no row was written without a matching answer',
      ledgerBreaks === 0,
      breaks.slice(0, 5).join(' | '),
    );
    report.check('verifyLedger finds no problem', ledger.problems.length === 0, ledger.problems.join('; '));
    report.check('no move ran twice', once.notNamedOnce === 0, once.examples.join(', '));
    report.check('the API process is still the same one', api.alive && api.pid === pid);

    expect(report.failures()).toEqual([]);
  });
});
