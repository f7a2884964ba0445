// `npm run bench` (issue 8): throughput and latency of the API against what PostgreSQL itself
// does with the same SQL, measured side by side in one run on a fresh database.
//
//   1. transfers between random wallets among 1,000      (API and pgbench)
//   2. transfers into one hot wallet (contention)          (API and pgbench)
//   3. GET /wallet with a warm cache, and with caching off
//
// Writes bench/results.json and bench/RESULTS.md. Settings (environment): DATABASE_URL (the server
// to use; the database is always wallet_bench), REDIS_URL, BENCH_CONNECTIONS (32),
// BENCH_DURATION_S (15 per measurement), BENCH_ROUNDS (2), BENCH_ACCOUNTS (1000), BENCH_POOL_SIZE (API's database connections,
// default BENCH_CONNECTIONS),
// BENCH_CPU_PROF=1 (write V8 CPU profiles of the API to bench/profiles), BENCH_WORKER=0 (no worker).
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

const root = new URL('..', import.meta.url).pathname;
const settings = {
  accounts: Number(process.env.BENCH_ACCOUNTS ?? 1000),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
  durationS: Number(process.env.BENCH_DURATION_S ?? 15),
  // As many database connections as pgbench has clients: the same concurrency on both sides.
  poolSize: Number(process.env.BENCH_POOL_SIZE ?? process.env.BENCH_CONNECTIONS ?? 32),
  rounds: Number(process.env.BENCH_ROUNDS ?? 2),
  cpuProfile: process.env.BENCH_CPU_PROF === '1',
  // 0 leaves the worker out, to measure the API alone (the outbox then just fills up).
  worker: process.env.BENCH_WORKER !== '0',
};
const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wallet');
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: '/wallet_bench' }).toString();
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const jwtSecret = `bench-${randomUUID()}-${randomUUID()}`;
/** Every Redis key of a run (cache, rate limits, queues) starts with this; cleared before and after. */
const REDIS_PREFIX = 'wallet-bench:';
const password = 'bench password';
const children = [];
/** pgbench's own mean latency per transfer, in ms, for the report. */
const pgbenchLatency = {};
/** 5xx answers seen in all scenarios: any is a failure of the run. */
let fiveHundreds = 0;

async function main() {
  const entry = (app, file) => `${root}dist/apps/${app}/apps/${app}/src/${file}.js`;
  if (!existsSync(entry('api', 'main'))) throw new Error('the API is not built: run `npm run build` first');
  const startedAt = new Date().toISOString();

  log(`fresh database ${databaseUrl}`);
  await recreateDatabase();
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
  const cached = await startProcess('api', entry('api', 'main'), {
    ...common,
    PORT: String(await freePort()),
  });
  const uncached = await startProcess('api-uncached', entry('api', 'main'), {
    ...common,
    PORT: String(await freePort()),
    CACHE_TTL_SECONDS: '0',
  });
  if (settings.worker) await startProcess('worker', entry('worker', 'main'), common, null);

  const scenarios = {};
  const hot = accounts[0];
  // API and pgbench take turns, `rounds` times, each after a checkpoint, so that neither gets the
  // quieter moments of this shared machine: the figures are the means of the rounds.
  const transfers = { transfer_random: null, transfer_hot: hot };
  const rounds = { transfer_random: [], transfer_hot: [] };
  for (let turn = 1; turn <= settings.rounds; turn++) {
    for (const [name, to] of Object.entries(transfers)) {
      await db.query('CHECKPOINT');
      const api = await measure(`${name}, round ${turn}`, cached.url, () => transferRequest(accounts, to));
      await db.query('CHECKPOINT');
      rounds[name].push({ ...api, pgbench_tps: pgbench(to ? 1 : 0) });
    }
  }
  for (const [name, measured] of Object.entries(rounds)) {
    const mean = (key) => round(measured.reduce((sum, m) => sum + m[key], 0) / measured.length, 1);
    scenarios[name] = {
      api_rps: mean('api_rps'),
      p50_ms: mean('p50_ms'),
      p99_ms: mean('p99_ms'),
      non2xx: measured.reduce((sum, m) => sum + m.non2xx, 0),
      pgbench_tps: mean('pgbench_tps'),
    };
    scenarios[name].ratio = round(scenarios[name].api_rps / scenarios[name].pgbench_tps, 2);
  }
  const read = () => walletRead(accounts);
  for (const account of accounts) await fetch(`${cached.url}/api/v1/wallet`, { headers: authOf(account) });
  scenarios.wallet_read_cached = await measure('GET /wallet, warm cache', cached.url, read);
  scenarios.wallet_read_uncached = await measure('GET /wallet, caching off', uncached.url, read);

  await stopAll();
  mail.server.close();
  await clearRedis();
  const ledger = spawnSync(process.execPath, [entry('api', 'cli/ledger-verify')], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  await db.end();

  const results = {
    scenarios,
    connections: settings.connections,
    duration_s: settings.durationS,
    started_at: startedAt,
  };
  const fivexx = fiveHundreds;
  writeFileSync(`${root}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);
  const report = renderReport(results, { ledger: ledger.stdout.trim() || ledger.stderr.trim(), fivexx });
  writeFileSync(`${root}bench/RESULTS.md`, report);
  console.log(`\n${report}`);
  if (ledger.status !== 0) throw new Error(`ledger:verify failed after the run:\n${ledger.stderr}`);
  if (fivexx > 0) throw new Error(`${fivexx} answers were 5xx`);
}

/** Deletes the keys an earlier or this run left in Redis (queued and completed jobs, cache). */
async function clearRedis() {
  const redis = new Redis(redisUrl);
  try {
    const stream = redis.scanStream({ match: `${REDIS_PREFIX}*`, count: 1000 });
    for await (const keys of stream) if (keys.length) await redis.unlink(...keys);
  } finally {
    redis.disconnect();
  }
}

/** Drops and recreates wallet_bench on the server of DATABASE_URL. */
async function recreateDatabase() {
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS wallet_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE wallet_bench');
  await admin.end();
}

/**
 * Users, funded wallets (with the deposit rows that keep the ledger whole), one live session
 * each and a signed token per session: the bench measures money moves, not argon2 at sign-in.
 */
async function seed(db) {
  log(`seeding ${settings.accounts} funded accounts`);
  const argon2 = (await import('argon2')).default;
  const hash = await argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  });
  const funds = 100_000_000; // $1,000,000.00 each: no transfer in the run can fail for lack of money
  await db.query(
    `WITH admin AS (
       INSERT INTO users (name, email, password_hash, role) VALUES ('Bench Admin', 'admin@bench.local', $1, 'admin')
       RETURNING id)
     INSERT INTO users (name, email, password_hash, role)
     SELECT 'Bench User ' || n, 'user' || n || '@bench.local', $1, 'user' FROM generate_series(1, $2) AS n`,
    [hash, settings.accounts],
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
  await db.query(`
    CREATE TABLE bench_accounts AS
    SELECT row_number() OVER (ORDER BY u.email)::int AS n, u.id AS user_id, w.id AS wallet_id, s.id AS session_id,
           u.email, u.name, extract(epoch FROM s.expires_at)::bigint AS exp
    FROM users u JOIN wallets w ON w.user_id = u.id JOIN sessions s ON s.user_id = u.id`);
  await db.query(`ALTER TABLE bench_accounts ADD PRIMARY KEY (n)`);
  await db.query(`CREATE UNIQUE INDEX ON bench_accounts (email)`);
  await db.query('VACUUM ANALYZE');
  const { rows } = await db.query('SELECT * FROM bench_accounts ORDER BY n');
  return rows.map((row) => ({
    ...row,
    token: sign({ sub: row.user_id, role: 'user', sid: row.session_id, exp: Number(row.exp) }),
  }));
}

/** An HS256 JWT, as the API signs them (DESIGN §4). */
function sign(claims) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ ...claims, iat: Math.floor(Date.now() / 1000) })}`;
  return `${unsigned}.${createHmac('sha256', jwtSecret).update(unsigned).digest('base64url')}`;
}

const authOf = (account) => ({ authorization: `Bearer ${account.token}` });
const pick = (accounts) => accounts[Math.floor(Math.random() * accounts.length)];

/** A transfer of 1–100 cents from a random account to `to` (or to another random one). */
function transferRequest(accounts, to) {
  let from = pick(accounts);
  while (from === to) from = pick(accounts);
  let recipient = to ?? pick(accounts);
  while (recipient === from) recipient = pick(accounts);
  return {
    method: 'POST',
    path: '/api/v1/wallet/transfer',
    headers: { ...authOf(from), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ recipientEmail: recipient.email, amount: 1 + Math.floor(Math.random() * 100) }),
  };
}

function walletRead(accounts) {
  return { method: 'GET', path: '/api/v1/wallet', headers: authOf(pick(accounts)) };
}

/** Runs autocannon for the configured time after a short warm-up; latencies in ms. */
async function measure(title, url, nextRequest) {
  const options = (duration) => ({
    url,
    connections: settings.connections,
    duration,
    requests: [{ setupRequest: (request) => Object.assign(request, nextRequest()) }],
  });
  await autocannon(options(3));
  log(`${title}: ${settings.durationS} s at ${settings.connections} connections`);
  const result = await autocannon(options(settings.durationS));
  const status5xx = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => Number(code) >= 500)
    .reduce((sum, [, stats]) => sum + stats.count, 0);
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]),
  );
  log(
    `${title}: answers by status ${JSON.stringify(statuses)}, ${result.errors} errors, ${result.timeouts} timeouts`,
  );
  fiveHundreds += status5xx;
  return {
    api_rps: round(result.requests.average, 1),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}

/** The transfer SQL run directly by pgbench, as the limit the API is measured against. */
function pgbench(hot) {
  log(
    `pgbench: ${hot ? 'hot wallet' : 'random wallets'}, ${settings.durationS} s at ${settings.connections} clients`,
  );
  const args = [
    '-n',
    '-M',
    'extended',
    '-c',
    String(settings.connections),
    '-j',
    '2',
    '-T',
    String(settings.durationS),
  ];
  args.push(
    '-D',
    `accounts=${settings.accounts}`,
    '-D',
    `hot=${hot}`,
    '-f',
    `${root}bench/transfer.pgbench.sql`,
  );
  const result = run('pgbench', [...args, databaseUrl], {}, true);
  const tps = /tps = ([\d.]+)/.exec(result.stdout);
  if (!tps || / failed: [1-9]/.test(result.stdout))
    throw new Error(`pgbench failed:\n${result.stdout}${result.stderr}`);
  pgbenchLatency[hot ? 'hot' : 'random'] = Number(/latency average = ([\d.]+) ms/.exec(result.stdout)?.[1]);
  return round(Number(tps[1]), 1);
}

function renderReport(results, { ledger, fivexx }) {
  const s = results.scenarios;
  const rows = [
    ['transfers, random wallets', s.transfer_random, true],
    ['transfers into one hot wallet', s.transfer_hot, true],
    ['GET /wallet, warm cache', s.wallet_read_cached, false],
    ['GET /wallet, caching off', s.wallet_read_uncached, false],
  ];
  const lines = [
    '# Benchmark results',
    '',
    `Run of ${results.started_at}: ${results.connections} connections, ${results.duration_s} s per measurement, ` +
      `transfer figures the mean of ${settings.rounds} rounds in which API and pgbench take turns, ` +
      `${settings.accounts} accounts, API pool of ${settings.poolSize} connections; API, worker, Postgres, Redis, ` +
      'autocannon and pgbench on the same 2-core machine. Produced by `npm run bench`; figures from one run, side by side.',
    '',
    '| scenario | API req/s | p50 ms | p99 ms | non-2xx | pgbench tps | API ÷ pgbench |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      ([name, r, money]) =>
        `| ${name} | ${r.api_rps} | ${r.p50_ms} | ${r.p99_ms} | ${r.non2xx} | ${money ? r.pgbench_tps : '–'} | ${money ? r.ratio : '–'} |`,
    ),
    '',
    `Cached ÷ uncached GET /wallet: ${round(s.wallet_read_cached.api_rps / s.wallet_read_uncached.api_rps, 2)}×. ` +
      `5xx answers: ${fivexx}. pgbench's own mean latency per transfer: ${pgbenchLatency.random} ms (random), ` +
      `${pgbenchLatency.hot} ms (hot); at ${results.connections} clients that is about the floor for any client ` +
      "of this database (Little's law: mean latency = clients ÷ throughput).",
    '',
    `After the run, \`ledger:verify\`: ${ledger.split('\n').join(' ')}`,
    '',
    'What each optimisation bought, and what stands between these figures and the goals: [OPTIMISATIONS.md](OPTIMISATIONS.md).',
    '',
  ];
  return lines.join('\n');
}

// --- processes -----------------------------------------------------------------------------

async function startProcess(name, file, env, port = Number(env.PORT)) {
  const args = settings.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${root}bench/profiles`, file] : [file];
  if (settings.cpuProfile) mkdirSync(`${root}bench/profiles`, { recursive: true });
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  children.push(child);
  if (port === null) return { child };
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { child, url };
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${name} did not start`);
}

async function stopAll() {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
}

function run(command, args, env, capture = false) {
  const result = spawnSync(command, args, {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: capture ? 'pipe' : 'inherit',
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} exited with ${result.status}\n${result.stderr ?? ''}`);
  return result;
}

async function startMailSink() {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData: (stream, _, done) => stream.resume().on('end', done),
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;
const log = (message) => console.log(`bench: ${message}`);

main().catch(async (error) => {
  console.error(`bench failed: ${error.message}`);
  await stopAll();
  process.exit(1);
});
