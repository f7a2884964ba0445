// `npm run bench`: the API measured beside a fixed yardstick in one run on this machine, as ratios
// (the performance contract of docs/design.md):
//
//   transfers between random wallets   POST /wallet/transfer  vs  pgbench xfer.pgb
//   transfers into one hot wallet      POST /wallet/transfer  vs  pgbench xfer_hot.pgb
//   cached GET /wallet                                       vs  a bare node:http server
//
// with the API alone (no worker), then transfers again with the worker running, measuring how far
// the outbox falls behind and how long it takes to drain; 0 non-2xx, then `ledger:verify`.
// Writes bench/results.json and bench/RESULTS.md. Settings: see the README's Benchmarks section.
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { distEntry } from '../scripts/lib/dist.ts';
import { freePort } from '../scripts/lib/free-port.ts';

const root = join(import.meta.dirname, '..');
const env = process.env;
const settings = {
  accounts: Number(env.BENCH_ACCOUNTS ?? 1000),
  connections: Number(env.BENCH_CONNECTIONS ?? 32),
  durationS: Number(env.BENCH_DURATION_S ?? 15),
  rounds: Number(env.BENCH_ROUNDS ?? 2),
  // The API's database connections: as many as the yardstick has clients, by default.
  poolSize: Number(env.BENCH_POOL_SIZE ?? 16),
  cpuProfile: env.BENCH_CPU_PROF === '1',
  worker: env.BENCH_WORKER !== '0',
  // The yardstick's own clients and threads (fixed by the performance contract).
  pgbenchArgs: ['-n', '-c', '16', '-j', '2'],
};
/** The yardstick: the files given, else the copy kept in bench/yardstick. */
const yardstickDir = env.BENCH_YARDSTICK_DIR ?? join(root, 'bench', 'yardstick');
if (!existsSync(join(yardstickDir, 'xfer.pgb'))) throw new Error(`no yardstick in ${yardstickDir}`);
const serverUrl = new URL(env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wallet');
const databaseUrl = urlOf('wallet_bench');
const yardstickUrl = urlOf('wallet_bench_yardstick');
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const jwtSecret = `bench-${randomUUID()}-${randomUUID()}`;
/** Every Redis key of a run (cache, rate limits, queues) starts with this; cleared before and after. */
const REDIS_PREFIX = 'wallet-bench:';
const children: ChildProcess[] = [];
let fiveHundreds = 0;

interface Account {
  n: number;
  email: string;
  token: string;
}

interface Measured {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  non2xx: number;
  requests: number;
}

function urlOf(database: string): string {
  return Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
}

const entry = (app: 'api' | 'worker', file: string) => join(root, distEntry(app, file));

async function main(): Promise<void> {
  if (!existsSync(entry('api', 'main'))) throw new Error('the API is not built: run `npm run build` first');
  const startedAt = new Date().toISOString();
  log(`yardstick: ${yardstickDir}`);

  await recreateDatabase('wallet_bench');
  await recreateDatabase('wallet_bench_yardstick');
  run('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-f', join(yardstickDir, 'wallet.sql'), yardstickUrl]);
  await clearRedis();
  run(process.execPath, [entry('api', 'cli/migrate')], { DATABASE_URL: databaseUrl });
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const accounts = await seed(db);

  const mail = await startMailSink();
  const common = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(settings.poolSize),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: REDIS_PREFIX,
    JWT_SECRET: jwtSecret,
    SESSION_IDLE_TIMEOUT_SECONDS: '86400',
    SESSION_MAX_AGE_SECONDS: '86400',
    DAILY_WITHDRAW_LIMIT: '1000000000000',
    DAILY_TRANSFER_LIMIT: '1000000000000',
    LOGIN_RATE_LIMIT_PER_IP: '1000000',
    LOGIN_RATE_LIMIT_PER_EMAIL: '1000000',
    LOG_LEVEL: 'warn',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.port),
  };
  const api = await startProcess('api', entry('api', 'main'), { ...common, PORT: String(await freePort()) });
  const uncached = await startProcess('api-uncached', entry('api', 'main'), {
    ...common,
    PORT: String(await freePort()),
    CACHE_TTL_SECONDS: '0',
  });
  const helloPort = await freePort();
  const hello = await startProcess('hello', join(root, 'bench', 'hello-server.mts'), {
    PORT: String(helloPort),
  });

  // The API alone. API and yardstick take turns, `rounds` times, each after a checkpoint, so that
  // neither gets the quieter moments of this shared machine: the figures are the rounds' means.
  const hot = accounts[0];
  const turns = {
    transfer_random: {
      to: undefined as Account | undefined,
      script: 'xfer.pgb',
      api: [] as Measured[],
      ref: [] as number[],
    },
    transfer_hot: {
      to: hot as Account | undefined,
      script: 'xfer_hot.pgb',
      api: [] as Measured[],
      ref: [] as number[],
    },
  };
  let walBytes = 0;
  let walTransfers = 0;
  for (let round = 1; round <= settings.rounds; round++) {
    for (const [name, turn] of Object.entries(turns)) {
      await settle(db);
      const walBefore = await walPosition(db);
      const measured = await measure(`${name}, round ${round}`, api.url!, () =>
        transferRequest(accounts, turn.to),
      );
      if (name === 'transfer_random') {
        walBytes += await walSince(db, walBefore);
        walTransfers += measured.requests;
      }
      turn.api.push(measured);
      await settle(db);
      turn.ref.push(pgbench(turn.script));
    }
  }
  const read = () => walletRead(accounts);
  await settle(db);
  for (const account of accounts) await fetch(`${api.url}/api/v1/wallet`, { headers: authOf(account) });
  const readRounds = { api: [] as Measured[], hello: [] as Measured[] };
  for (let round = 1; round <= settings.rounds; round++) {
    readRounds.api.push(await measure(`GET /wallet cached, round ${round}`, api.url!, read));
    readRounds.hello.push(await measure(`bare node:http, round ${round}`, hello.url!, read));
  }
  const uncachedRead = await measure('GET /wallet, caching off', uncached.url!, read);
  await stop(hello.child);
  await stop(uncached.child);

  const scenarios: Record<string, Record<string, number>> = {};
  for (const [name, turn] of Object.entries(turns)) {
    scenarios[name] = { ...meanOf(turn.api), yardstick_tps: mean(turn.ref), ratio: 0 };
    scenarios[name].ratio = round2(scenarios[name].rps / scenarios[name].yardstick_tps);
  }
  const helloRps = mean(readRounds.hello.map((m) => m.rps));
  scenarios.wallet_read_cached = { ...meanOf(readRounds.api), hello_rps: helloRps, ratio: 0 };
  scenarios.wallet_read_cached.ratio = round2(scenarios.wallet_read_cached.rps / helloRps);
  scenarios.wallet_read_uncached = { ...meanOf([uncachedRead]) };

  // With the worker: the same transfers while it relays, mails and logs them on the same cores.
  let withWorker: WorkerRun | undefined;
  if (settings.worker) withWorker = await measureWithWorker(db, api.url!, accounts, common, mail);

  await stopAll();
  await stop(mail.child);
  await clearRedis();
  const ledger = spawnSync(process.execPath, [entry('api', 'cli/ledger-verify')], {
    env: { ...env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  await db.end();

  const results = {
    started_at: startedAt,
    settings: { ...settings, yardstick: env.BENCH_YARDSTICK_DIR ? 'BENCH_YARDSTICK_DIR' : 'bench/yardstick' },
    scenarios,
    wal_bytes_per_transfer: Math.round(walBytes / Math.max(1, walTransfers)),
    with_worker: withWorker,
    fivexx: fiveHundreds,
    ledger_ok: ledger.status === 0,
  };
  writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const report = renderReport(results, (ledger.stdout || ledger.stderr).trim());
  writeFileSync(join(root, 'bench', 'RESULTS.md'), report);
  console.log(`\n${report}`);
  if (ledger.status !== 0) throw new Error(`ledger:verify failed after the run:\n${ledger.stderr}`);
  if (fiveHundreds > 0) throw new Error(`${fiveHundreds} answers were 5xx`);
  const refused = Object.values(scenarios).reduce(
    (sum, scenario) => sum + scenario.non2xx,
    withWorker?.non2xx ?? 0,
  );
  if (refused > 0) throw new Error(`${refused} answers were not 2xx`);
  if (withWorker && !withWorker.drained) throw new Error('the outbox did not drain after the load');
  if (withWorker && withWorker.emails_duplicated > 0) throw new Error('some emails were sent twice');
}

interface WorkerRun {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  non2xx: number;
  transfers: number;
  max_backlog: number;
  backlog_at_end: number;
  drain_s: number;
  drained: boolean;
  emails_expected: number;
  emails_received: number;
  emails_duplicated: number;
}

/**
 * Transfers for the configured time with the worker running; samples the backlog (outbox rows
 * not yet relayed plus jobs not yet done) every half second, then times how long it takes to
 * reach zero once the load stops, and checks every transfer's email arrived exactly once.
 */
async function measureWithWorker(
  db: pg.Pool,
  apiUrl: string,
  accounts: Account[],
  common: Record<string, string>,
  mail: MailSink,
): Promise<WorkerRun> {
  // What the API-alone runs left in the outbox is not this measurement's.
  await db.query('UPDATE outbox SET queued_at = now() WHERE queued_at IS NULL');
  await settle(db);
  const before = await mail.counts();
  const { rows: start } = await db.query<{ seq: number }>(
    'SELECT coalesce(max(seq), 0) AS seq FROM transactions',
  );
  await startProcess('worker', entry('worker', 'main'), common, null);
  const queues = ['email', 'transaction-log'].map(
    (name) => new Queue(name, { connection: { url: redisUrl }, prefix: `${REDIS_PREFIX}bull` }),
  );
  const backlog = async () => {
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outbox WHERE queued_at IS NULL',
    );
    const jobs = await Promise.all(
      queues.map((queue) =>
        queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children'),
      ),
    );
    return rows[0].n + jobs.flatMap((counts) => Object.values(counts)).reduce((sum, n) => sum + n, 0);
  };
  let maxBacklog = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      maxBacklog = Math.max(maxBacklog, await backlog());
      await sleep(500);
    }
  })();
  const measured = await measure('transfers with the worker', apiUrl, () => transferRequest(accounts));
  sampling = false;
  await sampler;
  const stoppedAt = Date.now();
  const backlogAtEnd = await backlog();
  let remaining = backlogAtEnd;
  while (remaining > 0 && Date.now() - stoppedAt < 60_000) {
    await sleep(100);
    remaining = await backlog();
  }
  const drainS = (Date.now() - stoppedAt) / 1000;
  const { rows: moved } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM transactions WHERE seq > $1 AND type = 'transfer_in' AND status = 'SUCCESS'`,
    [start[0].seq],
  );
  // The last email can be in flight after its job is counted done.
  let after = await mail.counts();
  for (let i = 0; i < 50 && after.messages - before.messages < moved[0].n; i++) {
    await sleep(100);
    after = await mail.counts();
  }
  await Promise.all(queues.map((queue) => queue.close()));
  const received = after.messages - before.messages;
  return {
    rps: measured.rps,
    p50_ms: measured.p50_ms,
    p99_ms: measured.p99_ms,
    non2xx: measured.non2xx,
    transfers: measured.requests,
    max_backlog: maxBacklog,
    backlog_at_end: backlogAtEnd,
    drain_s: round2(drainS),
    drained: remaining === 0,
    emails_expected: moved[0].n,
    emails_received: received,
    emails_duplicated: received - (after.distinct - before.distinct),
  };
}

/**
 * What autovacuum does in production (this machine's PostgreSQL runs without it): fresh planner
 * statistics and visibility maps for the tables the run is growing, then a checkpoint, so every
 * measurement starts alike.
 */
async function settle(db: pg.Pool): Promise<void> {
  await db.query('VACUUM ANALYZE');
  await db.query('CHECKPOINT');
}

async function walPosition(db: pg.Pool): Promise<string> {
  return (await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;
}

async function walSince(db: pg.Pool, lsn: string): Promise<number> {
  const { rows } = await db.query<{ bytes: number }>(
    'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::bigint AS bytes',
    [lsn],
  );
  return Number(rows[0].bytes);
}

/** Deletes the keys an earlier or this run left in Redis (queued and completed jobs, cache). */
async function clearRedis(): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const stream = redis.scanStream({ match: `${REDIS_PREFIX}*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) if (keys.length) await redis.unlink(...keys);
  } finally {
    redis.disconnect();
  }
}

async function recreateDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: urlOf('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}

/**
 * Users, funded wallets (with the deposit rows that keep the ledger whole), one live session
 * each and a signed token per session: the bench measures money moves, not argon2 at sign-in.
 */
async function seed(db: pg.Pool): Promise<Account[]> {
  log(`seeding ${settings.accounts} funded accounts`);
  const funds = 100_000_000; // $1,000,000.00 each: no transfer in the run can fail for lack of money
  await db.query(
    `WITH admin AS (
       INSERT INTO users (name, email, password_hash, role) VALUES ('Bench Admin', 'admin@bench.local', 'x', 'admin')
       RETURNING id)
     INSERT INTO users (name, email, password_hash, role)
     SELECT 'Bench User ' || n, 'user' || n || '@bench.local', 'x', 'user' FROM generate_series(1, $1) AS n`,
    [settings.accounts],
  );
  await db.query(`INSERT INTO wallets (user_id, balance) SELECT id, $1 FROM users WHERE role = 'user'`, [
    funds,
  ]);
  await db.query(
    `INSERT INTO transactions (wallet_id, type, amount, status, balance_after, counterparty_user_id)
     SELECT w.id, 'deposit', $1, 'SUCCESS', $1, (SELECT id FROM users WHERE role = 'admin') FROM wallets w`,
    [funds],
  );
  await db.query(
    `INSERT INTO sessions (user_id, expires_at) SELECT id, now() + interval '1 day' FROM users WHERE role = 'user'`,
  );
  await db.query('VACUUM ANALYZE');
  const { rows } = await db.query<{ user_id: string; session_id: string; email: string; exp: number }>(
    `SELECT u.id AS user_id, s.id AS session_id, u.email, extract(epoch FROM s.expires_at)::bigint AS exp
     FROM users u JOIN sessions s ON s.user_id = u.id ORDER BY u.email`,
  );
  return rows.map((row, n) => ({
    n,
    email: row.email,
    token: sign({ sub: row.user_id, role: 'user', sid: row.session_id, exp: Number(row.exp) }),
  }));
}

/** An HS256 JWT, as the API signs them. */
function sign(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ ...claims, iat: Math.floor(Date.now() / 1000) })}`;
  return `${unsigned}.${createHmac('sha256', jwtSecret).update(unsigned).digest('base64url')}`;
}

const authOf = (account: Account) => ({ authorization: `Bearer ${account.token}` });
const pick = (accounts: Account[]) => accounts[Math.floor(Math.random() * accounts.length)];

/** A transfer of 1–100 cents from a random account to `to` (or to another random one). */
function transferRequest(accounts: Account[], to?: Account) {
  let from = pick(accounts);
  while (from === to) from = pick(accounts);
  let recipient = to ?? pick(accounts);
  while (recipient === from) recipient = pick(accounts);
  return {
    method: 'POST' as const,
    path: '/api/v1/wallet/transfer',
    headers: { ...authOf(from), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ recipientEmail: recipient.email, amount: 1 + Math.floor(Math.random() * 100) }),
  };
}

function walletRead(accounts: Account[]) {
  return { method: 'GET' as const, path: '/api/v1/wallet', headers: authOf(pick(accounts)) };
}

/** autocannon at the configured connections (keep-alive) for the configured time, after a warm-up. */
async function measure(
  title: string,
  url: string,
  nextRequest: () => Partial<autocannon.Request>,
): Promise<Measured> {
  const options = (duration: number): autocannon.Options => ({
    url,
    connections: settings.connections,
    duration,
    requests: [{ setupRequest: (request: autocannon.Request) => Object.assign(request, nextRequest()) }],
  });
  await autocannon(options(3));
  const result = await autocannon(options(settings.durationS));
  const statuses: Record<string, number> = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats?.count ?? 0]),
  );
  fiveHundreds += Object.entries(statuses)
    .filter(([code]) => Number(code) >= 500)
    .reduce((sum, [, count]) => sum + count, 0);
  log(
    `${title}: ${round1(result.requests.average)}/s, p99 ${result.latency.p99} ms, by status ${JSON.stringify(statuses)}`,
  );
  return {
    rps: round1(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
    requests: result.requests.total,
  };
}

/** One yardstick script through pgbench, as the contract runs it; its transactions per second. */
function pgbench(script: string): number {
  const result = run(
    'pgbench',
    [
      ...settings.pgbenchArgs,
      '-T',
      String(settings.durationS),
      '-f',
      join(yardstickDir, script),
      yardstickUrl,
    ],
    {},
    true,
  );
  const tps = /tps = ([\d.]+)/.exec(result.stdout);
  if (!tps || / failed: [1-9]/.test(result.stdout))
    throw new Error(`pgbench failed:\n${result.stdout}${result.stderr}`);
  log(`pgbench ${script}: ${round1(Number(tps[1]))} tps`);
  return round1(Number(tps[1]));
}

function renderReport(
  results: {
    started_at: string;
    scenarios: Record<string, Record<string, number>>;
    wal_bytes_per_transfer: number;
    with_worker?: WorkerRun;
    fivexx: number;
  },
  ledger: string,
): string {
  const s = results.scenarios;
  const w = results.with_worker;
  const row = (name: string, r: Record<string, number>, yardstick: string, ref: number | string) =>
    `| ${name} | ${r.rps} | ${r.p50_ms} | ${r.p99_ms} | ${r.non2xx} | ${yardstick} | ${ref} | ${r.ratio ?? '–'} |`;
  const lines = [
    '# Benchmark results',
    '',
    `Run of ${results.started_at}: ${settings.connections} keep-alive connections, ${settings.durationS} s per figure, ` +
      `each the mean of ${settings.rounds} rounds in which API and yardstick take turns; ${settings.accounts} funded ` +
      `accounts, a fresh Idempotency-Key per transfer; API pool of ${settings.poolSize} connections. API, Postgres, ` +
      'Redis, the load generator and pgbench share this 2-core machine. Produced by `npm run bench`.',
    '',
    '## The API alone',
    '',
    '| scenario | API req/s | p50 ms | p99 ms | non-2xx | yardstick | its rate | ratio |',
    '|---|---:|---:|---:|---:|---|---:|---:|',
    row('transfers, random wallets', s.transfer_random, 'pgbench xfer.pgb', s.transfer_random.yardstick_tps),
    row(
      'transfers into one hot wallet',
      s.transfer_hot,
      'pgbench xfer_hot.pgb',
      s.transfer_hot.yardstick_tps,
    ),
    row('GET /wallet, cached', s.wallet_read_cached, 'bare node:http', s.wallet_read_cached.hello_rps),
    row('GET /wallet, caching off', s.wallet_read_uncached, '–', '–'),
    '',
    `WAL written per transfer (random wallets): ${results.wal_bytes_per_transfer} bytes. 5xx answers: ${results.fivexx}.`,
    '',
  ];
  if (w) {
    lines.push(
      '## With the worker',
      '',
      `Transfers between random wallets with the worker relaying, mailing and logging them on the same cores: ` +
        `${w.rps} req/s (ratio ${round2(w.rps / s.transfer_random.yardstick_tps)} to xfer.pgb above), p50 ${w.p50_ms} ms, ` +
        `p99 ${w.p99_ms} ms, ${w.non2xx} non-2xx. Backlog (outbox rows not relayed plus jobs not done): at most ` +
        `${w.max_backlog} during the load, ${w.backlog_at_end} when it stopped, ` +
        `${w.drained ? `empty ${w.drain_s} s later` : `not empty after ${w.drain_s} s`}. Emails: ${w.emails_expected} ` +
        `transfers received, ${w.emails_received} emails delivered, ${w.emails_duplicated} sent twice.`,
      '',
    );
  }
  lines.push(
    `After the run, \`ledger:verify\`: ${ledger.split('\n').join(' ')}`,
    '',
    'What each optimisation bought, and what stands between these figures and the goals: [OPTIMISATIONS.md](OPTIMISATIONS.md).',
    '',
  );
  return lines.join('\n');
}

// --- processes ------------------------------------------------------------------------------

interface Started {
  child: ChildProcess;
  url?: string;
}

async function startProcess(
  name: string,
  file: string,
  childEnv: Record<string, string>,
  port: number | null = Number(childEnv.PORT),
): Promise<Started> {
  const profile = settings.cpuProfile && name !== 'hello';
  if (profile) mkdirSync(join(root, 'bench', 'profiles'), { recursive: true });
  const args = profile ? ['--cpu-prof', `--cpu-prof-dir=${join(root, 'bench', 'profiles')}`, file] : [file];
  const child = spawn(process.execPath, args, {
    env: { ...env, ...childEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
  children.push(child);
  if (port === null) return { child };
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      await fetch(`${url}/health`);
      return { child, url };
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${name} did not start`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const stopAll = () => Promise.all(children.map(stop));

function run(command: string, args: string[], childEnv: Record<string, string> = {}, capture = false) {
  const result = spawnSync(command, args, {
    env: { ...env, ...childEnv },
    encoding: 'utf8',
    stdio: capture ? 'pipe' : 'inherit',
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} exited with ${result.status}\n${result.stderr ?? ''}`);
  return result;
}

interface MailSink {
  child: ChildProcess;
  port: number;
  counts(): Promise<{ messages: number; distinct: number }>;
}

async function startMailSink(): Promise<MailSink> {
  const port = await freePort();
  const child = fork(join(root, 'bench', 'mail-sink.mts'), { env: { ...env, PORT: String(port) } });
  children.push(child);
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  return {
    child,
    port,
    counts: () =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve(message as { messages: number; distinct: number }));
        child.send('counts');
      }),
  };
}

const mean = (values: number[]) => round1(values.reduce((sum, v) => sum + v, 0) / values.length);
function meanOf(measured: Measured[]): Record<string, number> {
  return {
    rps: mean(measured.map((m) => m.rps)),
    p50_ms: mean(measured.map((m) => m.p50_ms)),
    p99_ms: mean(measured.map((m) => m.p99_ms)),
    non2xx: measured.reduce((sum, m) => sum + m.non2xx, 0),
  };
}
const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
const log = (message: string) => console.log(`bench: ${message}`);

main().catch(async (error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  await stopAll();
  process.exit(1);
});
