import { JwtService } from '@nestjs/jwt';
import { readFileSync } from 'node:fs';
import { generate } from 'otplib';
import { join } from 'node:path';
import { Account, createAccount, fund, mapLimit, newKey } from './support/accounts';
import { db } from './support/db';
import { ScenarioReport } from './support/figures';
import { bearer, HttpAnswer, HttpClient } from './support/http';
import { answerIssues, label, Tally } from './support/problems';
import { ApiProcess } from './support/processes';
import { endScenario } from './support/scenario';
import { REPO_ROOT, runSettings } from './support/settings';

/** An admin and three users (an owner, `second` and a payee), the owner and `second` holding $100. */
async function newCast(http: HttpClient, second: string) {
  const admin = await createAccount(http, 'admin', 'mx-admin');
  const [owner, other, payee] = await Promise.all([
    createAccount(http, 'user', 'mx-owner'),
    createAccount(http, 'user', second),
    createAccount(http, 'user', 'mx-payee'),
  ]);
  // Their deposits' ids: the reversal route's `{id}` (docs/design.md §13).
  const ownerDeposit = await fund(http, admin, owner.id, 10_000);
  const otherDeposit = await fund(http, admin, other.id, 10_000);
  return { admin, owner, other, payee, ownerDeposit, otherDeposit };
}

/** Who may call a route (docs/design.md §4, §5). */
type Access = 'public' | 'any' | 'user' | 'admin';

/** The callers of the matrix. The first four are real sessions; the rest must all be refused. */
const IDENTITIES = [
  'no token',
  'expired token',
  'idle session',
  'tampered token',
  'alg: none',
  'logged out',
  'deactivated',
  'another user',
  'user',
  'admin',
] as const;
type Identity = (typeof IDENTITIES)[number];

/** What each refused identity must get: status and code (docs/design.md §4). */
const REFUSED: Partial<Record<Identity, [number, string]>> = {
  'no token': [401, 'UNAUTHENTICATED'],
  'expired token': [401, 'SESSION_EXPIRED'],
  'idle session': [401, 'SESSION_EXPIRED'],
  'tampered token': [401, 'UNAUTHENTICATED'],
  'alg: none': [401, 'UNAUTHENTICATED'],
  'logged out': [401, 'UNAUTHENTICATED'],
  deactivated: [401, 'UNAUTHENTICATED'],
};

/** The people of one matrix row: `owner` is the user whose money is at stake. */
interface Cast {
  owner: Account;
  other: Account;
  /** A third user, the recipient of transfers. */
  payee: Account;
  admin: Account;
  tokens: Record<Identity, string | undefined>;
}

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** As in openapi.json; `{id}` is the owner's user id, or their deposit's id (`idIsDeposit`). */
  path: string;
  idIsDeposit?: boolean;
  /** The query string sent (after `?`). */
  query?: string;
  access: Access;
  ok: number;
  body?: (cast: Cast) => unknown;
  headers?: () => Record<string, string>;
  /** The route changes who the caller is (logout, deactivation): run it last in its row. */
  endsSession?: boolean;
}

const key = () => ({ 'idempotency-key': newKey() });
const AN_HOUR_AGO = () => new Date(Date.now() - 3_600_000).toISOString();
// The whole of the run, and more.
const STATEMENT_RANGE = 'from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z';
const freshUser = () => ({
  name: 'Matrix newcomer',
  email: `new-${newKey().slice(0, 12)}@example.com`,
  password: 'correct horse battery staple',
});

const ROUTES: Route[] = [
  { method: 'GET', path: '/health', access: 'public', ok: 200 },
  { method: 'GET', path: '/health/ready', access: 'public', ok: 200 },
  { method: 'POST', path: '/api/v1/auth/register', access: 'public', ok: 201, body: freshUser },
  {
    method: 'POST',
    path: '/api/v1/auth/login',
    access: 'public',
    ok: 200,
    body: ({ payee }) => ({ email: payee.email, password: payee.password }),
  },
  {
    method: 'POST',
    path: '/api/v1/auth/admin/register',
    access: 'public',
    ok: 201,
    body: freshUser,
    headers: () => ({ 'x-admin-secret': runSettings().adminSecret }),
  },
  {
    method: 'POST',
    path: '/api/v1/auth/admin/login',
    access: 'public',
    ok: 200,
    body: ({ admin }) => ({ email: admin.email, password: admin.password }),
  },
  { method: 'GET', path: '/api/v1/auth/me', access: 'any', ok: 200 },
  { method: 'POST', path: '/api/v1/auth/refresh', access: 'any', ok: 200 },
  { method: 'POST', path: '/api/v1/auth/logout', access: 'any', ok: 204, endsSession: true },
  { method: 'POST', path: '/api/v1/users/me/deactivate', access: 'user', ok: 204, endsSession: true },
  { method: 'GET', path: '/api/v1/wallet', access: 'user', ok: 200 },
  {
    method: 'POST',
    path: '/api/v1/wallet/withdraw',
    access: 'user',
    ok: 201,
    body: () => ({ amount: 100 }),
    headers: key,
  },
  {
    method: 'POST',
    path: '/api/v1/wallet/transfer',
    access: 'user',
    ok: 201,
    body: ({ payee }) => ({ recipientEmail: payee.email, amount: 100 }),
    headers: key,
  },
  {
    method: 'GET',
    path: '/api/v1/wallet/transactions',
    access: 'user',
    ok: 200,
    query: 'from=2020-01-01T00:00:00Z&minAmount=1',
  },
  { method: 'GET', path: '/api/v1/wallet/balance', access: 'user', ok: 200, query: `at=${AN_HOUR_AGO()}` },
  { method: 'GET', path: '/api/v1/wallet/statement', access: 'user', ok: 200, query: STATEMENT_RANGE },
  { method: 'GET', path: '/api/v1/wallet/statement.csv', access: 'user', ok: 200, query: STATEMENT_RANGE },
  { method: 'GET', path: '/api/v1/admin/users', access: 'admin', ok: 200 },
  { method: 'GET', path: '/api/v1/admin/users/{id}', access: 'admin', ok: 200 },
  { method: 'GET', path: '/api/v1/admin/users/{id}/transactions', access: 'admin', ok: 200 },
  {
    method: 'GET',
    path: '/api/v1/admin/users/{id}/balance',
    access: 'admin',
    ok: 200,
    query: `at=${AN_HOUR_AGO()}`,
  },
  {
    method: 'GET',
    path: '/api/v1/admin/users/{id}/statement',
    access: 'admin',
    ok: 200,
    query: STATEMENT_RANGE,
  },
  {
    method: 'GET',
    path: '/api/v1/admin/users/{id}/statement.csv',
    access: 'admin',
    ok: 200,
    query: STATEMENT_RANGE,
  },
  // The owner's funding deposit, reversed by the admin, and by nobody else (docs/design.md §13).
  {
    method: 'POST',
    path: '/api/v1/admin/transactions/{id}/reverse',
    idIsDeposit: true,
    access: 'admin',
    ok: 201,
    body: () => ({ reason: 'matrix' }),
    headers: key,
  },
  {
    method: 'POST',
    path: '/api/v1/admin/users/{id}/deposit',
    access: 'admin',
    ok: 201,
    body: () => ({ amount: 100 }),
    headers: key,
  },
  {
    method: 'POST',
    path: '/api/v1/admin/users/{id}/freeze',
    access: 'admin',
    ok: 200,
    body: () => ({ reason: 'matrix' }),
  },
  { method: 'POST', path: '/api/v1/admin/users/{id}/unfreeze', access: 'admin', ok: 200, body: () => ({}) },
  { method: 'POST', path: '/api/v1/admin/users/{id}/deactivate', access: 'admin', ok: 200 },
  { method: 'POST', path: '/api/v1/admin/users/{id}/activate', access: 'admin', ok: 200 },
  { method: 'GET', path: '/api/v1/admin/audit-log', access: 'admin', ok: 200 },
  { method: 'GET', path: '/api/v1/admin/emails/undelivered', access: 'admin', ok: 200 },
  // `{id}` is a user id, never an email's: an admin is answered 404 NOT_FOUND.
  { method: 'POST', path: '/api/v1/admin/emails/{id}/resend', access: 'admin', ok: 404 },
  { method: 'POST', path: '/api/v1/admin/emails/{id}/abandon', access: 'admin', ok: 404 },
  // The admin's own second factor (docs/design.md §15). Enabling without a setup is 422 TOTP_CODE_INVALID.
  { method: 'GET', path: '/api/v1/auth/admin/totp', access: 'admin', ok: 200 },
  { method: 'POST', path: '/api/v1/auth/admin/totp/setup', access: 'admin', ok: 200 },
  {
    method: 'POST',
    path: '/api/v1/auth/admin/totp/enable',
    access: 'admin',
    ok: 422,
    body: () => ({ code: '000000' }),
  },
  // `{id}` is the owner, a user: no admin's second factor to reset, 404.
  { method: 'POST', path: '/api/v1/admin/users/{id}/totp/reset', access: 'admin', ok: 404 },
  // Four eyes (docs/design.md §15); `{id}` is a user id, never a request's: 404.
  { method: 'GET', path: '/api/v1/admin/approvals', access: 'admin', ok: 200 },
  { method: 'POST', path: '/api/v1/admin/approvals/{id}/approve', access: 'admin', ok: 404 },
  {
    method: 'POST',
    path: '/api/v1/admin/approvals/{id}/reject',
    access: 'admin',
    ok: 404,
    body: () => ({ reason: 'matrix' }),
  },
  {
    method: 'POST',
    path: '/api/v1/admin/webhooks',
    access: 'admin',
    ok: 201,
    // Port 9 (discard) on loopback, which this scenario's API accepts (no worker runs here).
    body: () => ({ url: 'http://127.0.0.1:9/matrix', events: ['*'], description: 'matrix' }),
  },
  { method: 'GET', path: '/api/v1/admin/webhooks', access: 'admin', ok: 200 },
  // `{id}` is a user id, never an endpoint's or a delivery's: an admin is answered 404 NOT_FOUND.
  { method: 'GET', path: '/api/v1/admin/webhooks/{id}', access: 'admin', ok: 404 },
  {
    method: 'PATCH',
    path: '/api/v1/admin/webhooks/{id}',
    access: 'admin',
    ok: 404,
    body: () => ({ enabled: false }),
  },
  { method: 'DELETE', path: '/api/v1/admin/webhooks/{id}', access: 'admin', ok: 404 },
  { method: 'POST', path: '/api/v1/admin/webhooks/{id}/rotate-secret', access: 'admin', ok: 404 },
  { method: 'GET', path: '/api/v1/admin/webhooks/{id}/deliveries', access: 'admin', ok: 404 },
  { method: 'POST', path: '/api/v1/admin/webhooks/deliveries/{id}/retry', access: 'admin', ok: 404 },
];

/**
 * What an admin without a second factor may still call when `ADMIN_TOTP_REQUIRED` is on
 * (docs/design.md §15): enrolling, and the session's own routes.
 */
const BEFORE_ENROLMENT = new Set([
  'GET /api/v1/auth/admin/totp',
  'POST /api/v1/auth/admin/totp/setup',
  'POST /api/v1/auth/admin/totp/enable',
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
]);

/** Fields a client might slip in to give itself money, a role or a state (mass assignment). */
const SMUGGLED: Array<[string, unknown]> = [
  ['balance', 1_000_000],
  ['role', 'admin'],
  ['status', 'active'],
  ['frozen', false],
  ['userId', '00000000-0000-4000-8000-000000000000'],
  ['id', '00000000-0000-4000-8000-000000000000'],
  ['walletId', '00000000-0000-4000-8000-000000000000'],
  ['isAdmin', true],
];

const report = new ScenarioReport(
  6,
  'Security matrix (OWASP API Top 10)',
  `Every route of openapi.json × {${IDENTITIES.join(', ')}} with a valid request, each row on fresh ` +
    "accounts. The owner's money is checked untouched by every identity but the owner (user routes) " +
    'or an admin (admin routes). Then mass assignment (extra body fields on every route that takes a ' +
    'body, and on those that take none), prototype-pollution keys, the Idempotency-Key scope between ' +
    'users, sign-in brute force against two instances sharing the rate limits, and the admin second ' +
    'factor and four eyes (docs/design.md §15).',
);

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
    sub: string;
    sid: string;
    role: string;
    exp: number;
  };

describe('security matrix (scenario 6)', () => {
  let api: ApiProcess | undefined;
  const jwt = () => new JwtService({ secret: runSettings().jwtSecret });

  afterAll(() => endScenario([report], [api]));

  beforeAll(async () => {
    // Generous sign-in limits here: the brute-force test below runs on instances of its own.
    // Loopback webhook URLs allowed, so an admin can register one without DNS (docs/design.md §14).
    api = await ApiProcess.start('matrix', {
      LOGIN_RATE_LIMIT_PER_EMAIL: '100000',
      WEBHOOK_ALLOW_INSECURE_URLS: 'true',
    });
  });

  const issues: string[] = [];
  const requests = new Tally();
  const send = async (http: HttpClient, what: string, request: Parameters<HttpClient['request']>[0]) => {
    const answer = await http.request(request);
    requests.add(answer.status >= 500 ? '5xx' : 'answered');
    issues.push(...answerIssues(answer).map((issue) => `${what} → ${label(answer)}: ${issue}`));
    return answer;
  };

  /** The owner's money and role as the database has them. */
  const ownerState = async (owner: Account) => {
    const { rows } = await db().query<{ balance: string; rows: string; role: string; frozen: boolean }>(
      `SELECT w.balance, w.frozen, u.role, u.status,
         (SELECT count(*) FROM transactions t WHERE t.wallet_id = w.id) AS rows
       FROM wallets w JOIN users u ON u.id = w.user_id WHERE u.id = $1`,
      [owner.id],
    );
    return JSON.stringify(rows[0]);
  };

  it('covers every route of openapi.json', () => {
    const spec = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(spec.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const covered = ROUTES.map((route) => `${route.method} ${route.path}`).sort();
    report.figure('routes in openapi.json', documented.length);
    report.check(
      'the matrix covers exactly the routes of openapi.json',
      covered.join() === documented.join(),
      [
        ...documented.filter((route) => !covered.includes(route)).map((route) => `missing ${route}`),
        ...covered.filter((route) => !documented.includes(route)).map((route) => `extra ${route}`),
      ].join(', '),
    );
    expect(report.failures()).toEqual([]);
  });

  it('gives every identity the expected answer on every route', async () => {
    const http = api!.http;
    const shared = {
      loggedOut: await createAccount(http, 'user', 'mx-loggedout'),
      deactivated: await createAccount(http, 'user', 'mx-deactivated'),
    };
    await send(http, 'setup logout', {
      method: 'POST',
      path: '/api/v1/auth/logout',
      headers: shared.loggedOut.auth,
    });
    await send(http, 'setup deactivate', {
      method: 'POST',
      path: '/api/v1/users/me/deactivate',
      headers: shared.deactivated.auth,
    });

    const outcomes = new Tally();
    const mismatches: string[] = [];
    const leaks: string[] = [];

    const runRow = async (route: Route) => {
      const { admin, owner, other, payee, ownerDeposit } = await newCast(http, 'mx-other');
      // A second session of the owner, left idle past the timeout by moving its clock back.
      const idle = (await createAccountSession(http, owner)).token;
      await db().query(`UPDATE sessions SET last_seen_at = now() - interval '1 day' WHERE id = $1`, [
        claimsOf(idle).sid,
      ]);
      const claims = claimsOf(owner.token);
      const [header, , signature] = owner.token.split('.');
      const tokens: Record<Identity, string | undefined> = {
        'no token': undefined,
        'expired token': await jwt().signAsync({
          sub: claims.sub,
          role: 'user',
          sid: claims.sid,
          exp: 1_000_000_000,
        }),
        'idle session': idle,
        // The payload says admin; the signature is the user's.
        'tampered token': `${header}.${b64url({ ...claims, role: 'admin' })}.${signature}`,
        'alg: none': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claimsOf(admin.token) })}.`,
        'logged out': shared.loggedOut.token,
        deactivated: shared.deactivated.token,
        'another user': other.token,
        user: owner.token,
        admin: admin.token,
      };
      const cast: Cast = { owner, other, payee, admin, tokens };
      const path =
        route.path.replace('{id}', route.idIsDeposit ? ownerDeposit : owner.id) +
        (route.query ? `?${route.query}` : '');

      // Everyone but the privileged callers first; the owner's money must not move meanwhile.
      const privileged: Identity[] =
        route.access === 'admin' ? ['admin'] : route.access === 'user' ? ['user'] : [];
      const order = [...IDENTITIES.filter((identity) => !privileged.includes(identity)), ...privileged];
      const before = await ownerState(owner);
      let checkedUntouched = false;
      for (const identity of order) {
        if (!checkedUntouched && privileged.includes(identity)) {
          checkedUntouched = true;
          const after = await ownerState(owner);
          if (after !== before)
            leaks.push(`${route.method} ${route.path}: owner changed ${before} → ${after}`);
        }
        const token = tokens[identity];
        const answer = await send(http, `${route.method} ${route.path} as ${identity}`, {
          method: route.method,
          path,
          headers: { ...(token ? bearer(token) : {}), ...(route.headers?.() ?? {}) },
          body: route.body?.(cast),
        });
        const [status, code] = expected(route, identity);
        outcomes.add(`${identity}: ${answer.status}`);
        if (answer.status !== status || (code !== undefined && answer.body?.code !== code)) {
          mismatches.push(
            `${route.method} ${route.path} as ${identity}: ${label(answer)}, expected ${status}${code ? ` ${code}` : ''}`,
          );
        }
        // Another user acting on their own wallet must see nothing of the owner's.
        if (identity === 'another user' && answer.status < 400) {
          const text = answer.text;
          if (text.includes(owner.id) || text.includes(owner.email)) {
            leaks.push(`${route.method} ${route.path} as another user shows the owner's data`);
          }
        }
      }
      if (!checkedUntouched) {
        const after = await ownerState(owner);
        if (after !== before) leaks.push(`${route.method} ${route.path}: owner changed ${before} → ${after}`);
      }
    };
    await mapLimit(ROUTES, 3, runRow);

    report.figure('matrix cells (route × identity)', ROUTES.length * IDENTITIES.length);
    report.figure('answers by identity', outcomes.toString());
    report.check(
      'every cell answered as docs/design.md says',
      mismatches.length === 0,
      mismatches.slice(0, 8).join(' | '),
    );
    report.check(
      "nobody but the owner or an admin changed the owner's money, role or state; nobody saw it",
      leaks.length === 0,
      leaks.slice(0, 5).join(' | '),
    );
    expect(report.failures()).toEqual([]);
  });

  it('refuses smuggled body fields and prototype-pollution keys with 400, changing nothing', async () => {
    const http = api!.http;
    // The owner calls the user routes; admin routes act on a target user of their own.
    const {
      admin,
      owner,
      other: target,
      payee,
      otherDeposit: targetDeposit,
    } = await newCast(http, 'mx-target');
    const cast: Cast = { owner, other: payee, payee, admin, tokens: {} as Cast['tokens'] };
    const tokenFor = (route: Route) =>
      route.access === 'admin' ? admin.token : route.access === 'public' ? undefined : owner.token;
    // Every POST and PATCH, with a body when it takes one and with nothing but smuggled fields when it takes none.
    const posts = ROUTES.filter(
      (route) => (route.method === 'POST' || route.method === 'PATCH') && !route.endsSession,
    );
    const refusedWrongly: string[] = [];
    let sent = 0;
    const state = async () => `${await ownerState(owner)} ${await ownerState(target)}`;
    const before = await state();
    for (const route of posts) {
      const path = route.path.replace('{id}', route.idIsDeposit ? targetDeposit : target.id);
      const token = tokenFor(route);
      const base = (route.body?.(cast) ?? {}) as Record<string, unknown>;
      const raw = JSON.stringify(base).slice(1, -1);
      const payloads: Array<[string, string]> = [
        ...SMUGGLED.map(([field, value]): [string, string] => [
          field,
          JSON.stringify({ ...base, [field]: value }),
        ]),
        ['__proto__', `{${raw}${raw ? ',' : ''}"__proto__":{"role":"admin","balance":1000000}}`],
        ['constructor.prototype', `{${raw}${raw ? ',' : ''}"constructor":{"prototype":{"role":"admin"}}}`],
      ];
      for (const [field, body] of payloads) {
        sent++;
        const answer = await send(http, `${route.method} ${route.path} + ${field}`, {
          method: route.method,
          path,
          headers: {
            ...(token ? bearer(token) : {}),
            ...(route.headers?.() ?? {}),
            'content-type': 'application/json',
          },
          body: body.replace(/"email":"new-/, `"email":"smuggled-`),
        });
        if (answer.status !== 400 || answer.body?.code !== 'VALIDATION_FAILED') {
          refusedWrongly.push(`${route.method} ${route.path} + ${field}: ${label(answer)}`);
        }
      }
    }
    const after = await state();
    const { rows: smuggled } = await db().query<{ n: string }>(
      `SELECT count(*) AS n FROM users WHERE email LIKE 'smuggled-%'`,
    );
    const me = await send(http, 'me after smuggling', {
      method: 'GET',
      path: '/api/v1/auth/me',
      headers: owner.auth,
    });

    report.figure('requests with smuggled fields', sent);
    report.check(
      'every smuggled field and pollution key was refused with 400 VALIDATION_FAILED',
      refusedWrongly.length === 0,
      refusedWrongly.slice(0, 8).join(' | '),
    );
    report.check(
      'no balance, state or role changed, and no account was registered',
      after === before && Number(smuggled[0].n) === 0 && me.body?.role === 'user',
      `${before} → ${after}; ${smuggled[0].n} registered; role ${String(me.body?.role)}`,
    );
    expect(report.failures()).toEqual([]);
  });

  it("never lets one user's Idempotency-Key return another user's answer", async () => {
    const http = api!.http;
    const admin = await createAccount(http, 'admin', 'mx-admin');
    const [alice, bob] = await Promise.all([
      createAccount(http, 'user', 'mx-alice'),
      createAccount(http, 'user', 'mx-bob'),
    ]);
    await fund(http, admin, alice.id, 10_000);
    await fund(http, admin, bob.id, 10_000);
    const shared = newKey();
    const request = (who: Account) => ({
      method: 'POST',
      path: '/api/v1/wallet/withdraw',
      headers: { ...who.auth, 'idempotency-key': shared },
      body: { amount: 700 },
    });
    const first = await send(http, 'alice withdraw', request(alice));
    const second = await send(http, 'bob withdraw, same key', request(bob));
    const { rows } = await db().query<{ user_id: string; balance: string }>(
      'SELECT user_id, balance FROM wallets WHERE user_id = ANY($1)',
      [[alice.id, bob.id]],
    );
    const balance = new Map(rows.map((row) => [row.user_id, Number(row.balance)]));
    report.check(
      "the same key from another user runs that user's own move, never replays the first",
      first.status === 201 &&
        second.status === 201 &&
        !second.replayed &&
        second.body?.id !== first.body?.id &&
        balance.get(alice.id) === 9_300 &&
        balance.get(bob.id) === 9_300,
      `${label(first)} then ${label(second)} replayed=${second.replayed}; balances ${[...balance.values()].join(', ')}`,
    );
    expect(report.failures()).toEqual([]);
  });

  it('holds the second factor and four eyes on every admin route (docs/design.md §15)', async () => {
    const strict = await ApiProcess.start('totp-required', {
      ADMIN_TOTP_REQUIRED: 'true',
      APPROVAL_THRESHOLD: '100000',
      LOGIN_RATE_LIMIT_PER_EMAIL: '100000',
    });
    try {
      const http = strict.http;
      const owner = await createAccount(http, 'user', 'mx-2fa-owner');
      const fresh = await createAccount(http, 'admin', 'mx-2fa-fresh');
      // Without a second factor, an admin reaches only enrolment and the session's own routes.
      const gated: string[] = [];
      for (const route of ROUTES.filter((one) => one.access === 'admin' || one.access === 'any')) {
        if (route.endsSession) continue;
        const name = `${route.method} ${route.path}`;
        if (name === 'POST /api/v1/auth/admin/totp/setup') continue; // run below, to enrol
        const answer = await send(http, `${name} before enrolment`, {
          method: route.method,
          path: route.path.replace('{id}', owner.id),
          headers: { ...fresh.auth, ...(route.headers?.() ?? {}) },
          body: route.body?.({
            owner,
            other: owner,
            payee: owner,
            admin: fresh,
            tokens: {} as Cast['tokens'],
          }),
        });
        const allowed = BEFORE_ENROLMENT.has(name);
        const wrong = allowed
          ? answer.body?.code === 'TOTP_ENROLLMENT_REQUIRED'
          : answer.status !== 403 || answer.body?.code !== 'TOTP_ENROLLMENT_REQUIRED';
        if (wrong) gated.push(`${name}: ${label(answer)}`);
      }
      report.check(
        'ADMIN_TOTP_REQUIRED: an admin without a second factor gets 403 TOTP_ENROLLMENT_REQUIRED on every other route',
        gated.length === 0,
        gated.slice(0, 6).join(' | '),
      );

      // Enrol: setup, then the previous step's code (spent), then sign-ins need a fresh code.
      const waitMs = 30_000 - (Date.now() % 30_000);
      if (waitMs < 8_000) await new Promise((resolve) => setTimeout(resolve, waitMs + 200));
      const setup = await send(http, 'setup', {
        method: 'POST',
        path: '/api/v1/auth/admin/totp/setup',
        headers: fresh.auth,
      });
      const secret = String(setup.body?.secret);
      const now = Math.floor(Date.now() / 1000);
      const enabled = await send(http, 'enable', {
        method: 'POST',
        path: '/api/v1/auth/admin/totp/enable',
        headers: fresh.auth,
        body: { code: await generate({ secret, epoch: now - 30 }) },
      });
      const afterEnrolment = await send(http, 'admin route after enrolment', {
        method: 'GET',
        path: '/api/v1/admin/users',
        headers: fresh.auth,
      });
      const signIn = (totpCode?: string, path = '/api/v1/auth/admin/login') =>
        send(http, `sign-in ${totpCode ?? 'without a code'}`, {
          method: 'POST',
          path,
          body: { email: fresh.email, password: fresh.password, ...(totpCode ? { totpCode } : {}) },
        });
      const noCode = await signIn();
      const userRoute = await signIn(undefined, '/api/v1/auth/login');
      const code = await generate({ secret, epoch: now });
      const withCode = await signIn(code);
      const replayed = await signIn(code);
      const recovery = (enabled.body?.recoveryCodes as string[] | undefined)?.[0] ?? 'none';
      const withRecovery = await signIn(recovery);
      const recoveryAgain = await signIn(recovery);
      report.figure(
        'second factor: no code, user route, code, same code, recovery, recovery again',
        [noCode, userRoute, withCode, replayed, withRecovery, recoveryAgain].map(label).join(', '),
      );
      report.check(
        'a second factor is asked for on both sign-in routes, and each code and recovery code works once',
        enabled.status === 200 &&
          afterEnrolment.status === 200 &&
          noCode.body?.code === 'TOTP_REQUIRED' &&
          userRoute.body?.code === 'TOTP_REQUIRED' &&
          withCode.status === 200 &&
          replayed.body?.code === 'INVALID_CREDENTIALS' &&
          withRecovery.status === 200 &&
          recoveryAgain.body?.code === 'INVALID_CREDENTIALS',
      );

      // Four eyes: the enrolled admin requests; they cannot approve their own; nothing moves meanwhile.
      const balanceOf = async () =>
        Number(
          (await db().query('SELECT balance FROM wallets WHERE user_id = $1', [owner.id])).rows[0].balance,
        );
      const requested = await send(http, 'deposit above the threshold', {
        method: 'POST',
        path: `/api/v1/admin/users/${owner.id}/deposit`,
        headers: { ...fresh.auth, 'idempotency-key': newKey() },
        body: { amount: 100_001 },
      });
      const requestId = String(requested.body?.id);
      const self = await send(http, 'self-approval', {
        method: 'POST',
        path: `/api/v1/admin/approvals/${requestId}/approve`,
        headers: fresh.auth,
      });
      const byUser = await send(http, 'approval by a user', {
        method: 'POST',
        path: `/api/v1/admin/approvals/${requestId}/approve`,
        headers: owner.auth,
      });
      const pendingBalance = await balanceOf();
      report.check(
        'a deposit above the threshold is 202 pending and moves nothing; its requester and users cannot approve it',
        requested.status === 202 &&
          requested.body?.status === 'pending' &&
          self.status === 403 &&
          self.body?.code === 'SELF_APPROVAL' &&
          byUser.status === 403 &&
          byUser.body?.code === 'FORBIDDEN' &&
          pendingBalance === 0,
        `${label(requested)}, ${label(self)}, ${label(byUser)}, balance ${pendingBalance}`,
      );
    } finally {
      strict.http.close();
    }
    expect(report.failures()).toEqual([]);
  });

  it('throttles sign-in brute force, per email and per IP, across instances', async () => {
    const brute = { LOGIN_RATE_LIMIT_PER_EMAIL: '5', LOGIN_RATE_LIMIT_PER_IP: '30' };
    // A key space of their own, so the counters start from zero and both instances share them.
    const prefix = `${runSettings().redisPrefix}brute:`;
    const [a, b] = await Promise.all([
      ApiProcess.start('brute-a', { ...brute, REDIS_KEY_PREFIX: prefix }),
      ApiProcess.start('brute-b', { ...brute, REDIS_KEY_PREFIX: prefix }),
    ]);
    try {
      const victim = await createAccountNoLogin(a.http);
      // Alternate instances and vary the email's case and spacing: all one counter.
      const perEmail: HttpAnswer[] = [];
      for (let i = 0; i < 7; i++) {
        const email = i % 2 === 0 ? victim.email.toUpperCase() : ` ${victim.email} `;
        perEmail.push(
          await send([a, b][i % 2].http, 'brute force, one email', {
            method: 'POST',
            path: '/api/v1/auth/login',
            body: { email, password: `wrong guess ${i}` },
          }),
        );
      }
      const withRightPassword = await send(b.http, 'right password while throttled', {
        method: 'POST',
        path: '/api/v1/auth/login',
        body: { email: victim.email, password: victim.password },
      });
      const emailStatuses = perEmail.map((answer) => answer.status);

      // Many emails from one IP, with a forged X-Forwarded-For on each: still one client.
      const perIp: number[] = [];
      for (let i = 0; i < 32; i++) {
        const answer = await send([a, b][i % 2].http, 'brute force, one IP', {
          method: 'POST',
          path: '/api/v1/auth/admin/login',
          headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `198.51.100.${i}` },
          body: { email: `spray-${i}@example.com`, password: 'Winter2025!' },
        });
        perIp.push(answer.status);
      }
      const firstIp429 = perIp.indexOf(429);
      // The per-IP count covers both sign-in routes: the attempts on one email above count too.
      const ipAttemptsBefore = perEmail.length + 1;

      report.figure('sign-in attempts on one email (statuses)', emailStatuses.join(' '));
      report.figure('then the right password', label(withRightPassword));
      report.figure('sign-in attempts from one IP, first 429 at attempt', ipAttemptsBefore + firstIp429 + 1);
      report.check(
        'the 6th attempt on one email is 429, over two instances and email variants',
        emailStatuses.slice(0, 5).every((status) => status === 401) &&
          emailStatuses.slice(5).every((status) => status === 429),
        emailStatuses.join(' '),
      );
      report.check('the right password is refused too while throttled', withRightPassword.status === 429);
      report.check(
        'one IP is throttled after 30 sign-in attempts, on either route, whatever X-Forwarded-For says',
        ipAttemptsBefore + firstIp429 === 30 && perIp.slice(firstIp429).every((status) => status === 429),
        perIp.join(' '),
      );
    } finally {
      a.http.close();
      b.http.close();
    }
    report.figure('requests in this scenario', requests.total());
    report.figure('5xx answers', requests.get('5xx'));
    report.check(
      'no answer leaked a password hash or a stack trace; every error was problem+json with a known code',
      issues.length === 0,
      issues.slice(0, 5).join(' | '),
    );
    report.check('no 5xx', requests.get('5xx') === 0);
    expect(report.failures()).toEqual([]);
  });

  it('refuses guessing the admin secret, registration floods, forged text and look-alike emails', async () => {
    const limits = { LOGIN_RATE_LIMIT_PER_IP: '10', REGISTRATION_RATE_LIMIT_PER_IP: '5' };
    const guarded = await ApiProcess.start('guarded', {
      ...limits,
      REDIS_KEY_PREFIX: `${runSettings().redisPrefix}guarded:`,
    });
    try {
      const http = guarded.http;
      // Guesses of X-Admin-Secret count per client address, like sign-ins, whatever XFF says.
      const guesses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const answer = await send(http, 'admin secret guess', {
          method: 'POST',
          path: '/api/v1/auth/admin/register',
          headers: { 'x-admin-secret': `guess-${i}`, 'x-forwarded-for': `203.0.113.${i}` },
          body: freshUser(),
        });
        guesses.push(answer.status);
      }
      report.figure('admin secret guesses from one address (statuses)', guesses.join(' '));
      report.check(
        'the 11th guess of the admin secret from one address is 429',
        guesses.slice(0, 10).every((status) => status === 403) &&
          guesses.slice(10).every((status) => status === 429),
        guesses.join(' '),
      );

      // A burst of registrations from one address: 5 through, the rest 429.
      const burst = await Promise.all(
        Array.from({ length: 12 }, () =>
          send(http, 'registration flood', {
            method: 'POST',
            path: '/api/v1/auth/register',
            body: freshUser(),
          }),
        ),
      );
      const created = burst.filter((answer) => answer.status === 201).length;
      const throttled = burst.filter((answer) => answer.status === 429).length;
      report.figure(
        'parallel registrations from one address: created, throttled',
        `${created}, ${throttled}`,
      );
      report.check(
        'a registration flood from one address is cut at its limit',
        created === 5 && throttled === 7,
      );
    } finally {
      guarded.http.close();
    }

    // Free text and emails, on the matrix's own instance (generous limits).
    const http = api!.http;
    const forgedName = await send(http, 'name with forged email lines', {
      method: 'POST',
      path: '/api/v1/auth/register',
      body: { ...freshUser(), name: 'Ada\n\nACCOUNT LOCKED: verify at http://evil.example' },
    });
    const bidiName = await send(http, 'name with a right-to-left override', {
      method: 'POST',
      path: '/api/v1/auth/register',
      body: { ...freshUser(), name: 'invoice\u202Efdp.exe' },
    });
    const local = `lookalike-${newKey().slice(0, 8)}`;
    const nfc = await send(http, 'email in NFC', {
      method: 'POST',
      path: '/api/v1/auth/register',
      body: { ...freshUser(), email: `${local}\u00e9@example.com` },
    });
    const nfd = await send(http, 'the same email in NFD', {
      method: 'POST',
      path: '/api/v1/auth/register',
      body: { ...freshUser(), email: `${local}e\u0301@example.com` },
    });
    report.check(
      'names with control or text-direction characters are refused',
      forgedName.status === 400 && bidiName.status === 400,
      `${label(forgedName)}, ${label(bidiName)}`,
    );
    report.check(
      'an email registered in NFC cannot be registered again in NFD',
      nfc.status === 201 && nfd.status === 409 && nfd.body?.code === 'EMAIL_TAKEN',
      `${label(nfc)}, ${label(nfd)}`,
    );
    expect(report.failures()).toEqual([]);
  });
});

/** What `identity` must get on `route`: status, and the code when it is refused. */
function expected(route: Route, identity: Identity): [number, string?] {
  if (route.access === 'public') return [route.ok];
  const refused = REFUSED[identity];
  if (refused) return refused;
  const role = identity === 'admin' ? 'admin' : 'user';
  if (route.access === 'any' || route.access === role) return [route.ok];
  return [403, 'FORBIDDEN'];
}

/** A second session for an account (a second sign-in). */
async function createAccountSession(http: HttpClient, account: Account): Promise<{ token: string }> {
  const answer = await http.request({
    method: 'POST',
    path: '/api/v1/auth/login',
    body: { email: account.email, password: account.password },
  });
  if (answer.status !== 200) throw new Error(`sign-in answered ${answer.status}`);
  return { token: String(answer.body.accessToken) };
}

/** A registered user that has not signed in (a sign-in would count against the limits). */
async function createAccountNoLogin(http: HttpClient): Promise<{ email: string; password: string }> {
  const body = freshUser();
  const answer = await http.request({ method: 'POST', path: '/api/v1/auth/register', body });
  if (answer.status !== 201) throw new Error(`registration answered ${answer.status}`);
  return body;
}
