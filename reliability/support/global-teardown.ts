import Redis from 'ioredis';
import { Client } from 'pg';
import { cpus } from 'node:os';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioFigures } from './figures';
import { FIGURES_DIR, RESULTS_FILE } from './settings';

/** Drops the run's database and the scenarios' own (named after it). */
async function dropDatabases(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $1 || '_')`,
      [name],
    );
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Removes the run's keys from the shared Redis (cache entries, rate-limit counters). */
async function dropRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' / ');
const cell = (value: unknown) => oneLine(String(value).replace(/\|/g, '\\|'));

function render(scenarios: ScenarioFigures[], totalMs: number): string {
  const lines = [
    '# Reliability and security suite: results',
    '',
    'Written by `npm run test:reliability` (see `reliability/README.md`) at the end of every run; do not',
    'edit by hand. The API runs as real processes from `dist` on a fresh database.',
    '',
    `Last run: ${new Date()
      .toISOString()
      .replace(/:\d\d\.\d+Z$/, ' UTC')
      .replace('T', ' ')}, ` +
      `Node ${process.version}, ${cpus().length} CPU cores, ${seconds(totalMs)} in all ` +
      '(setup, build check and teardown included).',
    '',
    '| # | scenario | checks | duration |',
    '|---|---|---|---|',
    ...scenarios.map((s) => {
      const failed = s.checks.filter((check) => !check.ok).length;
      const verdict =
        failed === 0 ? `all ${s.checks.length} passed` : `**${failed} FAILED** of ${s.checks.length}`;
      return `| ${s.id} | ${cell(s.title)} | ${verdict} | ${seconds(s.durationMs)} |`;
    }),
  ];
  for (const s of scenarios) {
    lines.push('', `## ${s.id}. ${s.title}`, '', s.summary, '', '| figure | value |', '|---|---|');
    lines.push(...s.figures.map(([label, value]) => `| ${cell(label)} | ${cell(value)} |`));
    lines.push('', 'Checks:', '');
    lines.push(
      ...s.checks.map(
        (check) =>
          `- ${check.ok ? 'PASS' : '**FAIL**'} ${check.name}${check.detail ? `: ${oneLine(check.detail)}` : ''}`,
      ),
    );
    if (s.notes.length > 0) lines.push('', ...s.notes.map((note) => `Note: ${oneLine(note)}`));
  }
  return `${lines.join('\n')}\n`;
}

export default async function globalTeardown(): Promise<void> {
  const scenarios = existsSync(FIGURES_DIR)
    ? readdirSync(FIGURES_DIR)
        .filter((file) => file.endsWith('.json'))
        .map((file) => JSON.parse(readFileSync(join(FIGURES_DIR, file), 'utf8')) as ScenarioFigures)
        .sort((a, b) => a.id - b.id)
    : [];
  if (scenarios.length > 0) {
    writeFileSync(RESULTS_FILE, render(scenarios, Date.now() - Number(process.env.REL_STARTED_AT)));
  }
  if (process.env.REL_KEEP_DATABASE !== 'true' && process.env.REL_DATABASE_URL) {
    await dropDatabases(process.env.REL_DATABASE_URL);
  }
  if (process.env.REL_REDIS_PREFIX) await dropRedisKeys(process.env.REL_REDIS_PREFIX);
}
