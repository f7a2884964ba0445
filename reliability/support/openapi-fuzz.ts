import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './settings';

/** The parts of JSON Schema that openapi.json uses. */
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
}

/** One documented route, its schemas resolved. */
export interface FuzzRoute {
  method: string;
  /** e.g. `/api/v1/admin/users/{id}/deposit` */
  path: string;
  parameters: Parameter[];
  body?: Schema;
  /** Whose token reaches the route's handler: its own role, so most requests get past the guard. */
  caller: 'none' | 'user' | 'admin' | 'any';
  /** Relative frequency: money moves are fuzzed the most. */
  weight: number;
}

/** Who a request is sent as; resolved to a token when it is sent. */
export type Caller =
  | { kind: 'none' }
  | { kind: 'user'; index: number }
  | { kind: 'admin' }
  | { kind: 'spare user'; index: number }
  | { kind: 'spare admin' }
  | { kind: 'header'; value: string };

/** A path `{id}`: one of the run's accounts, or anything else. */
export type PathId =
  | { kind: 'user'; index: number }
  | { kind: 'spare user'; index: number }
  | { kind: 'admin' }
  | { kind: 'raw'; value: string };

/** The Idempotency-Key header. */
export type KeyChoice =
  { kind: 'fresh' } | { kind: 'pool'; index: number } | { kind: 'absent' } | { kind: 'raw'; value: string };

export type BodyChoice = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };

/** A generated request, symbolic where it names the run's accounts or keys. */
export interface Plan {
  route: string;
  method: string;
  path: string;
  pathId?: PathId;
  query: string;
  caller: Caller;
  key: KeyChoice;
  contentType: string | null;
  body: BodyChoice;
  headers: Record<string, string>;
  /** Send the run's real X-Admin-Secret (admin registration). */
  adminSecret: boolean;
}

export const USERS_IN_PLAY = 4;
/**
 * Accounts for the routes that end sessions (sign-out, deactivation): were those to hit the main
 * accounts, every later request of the batch would stop at 401 and reach nothing deeper.
 */
export const SPARE_USERS = 2;
export const KEY_POOL = 16;

/** Fields no request DTO has, that a client might try anyway. */
const SMUGGLED_FIELDS = [
  'balance',
  'role',
  'status',
  'frozen',
  'userId',
  'id',
  'walletId',
  'isAdmin',
  'currency',
];

/** Values that break naive code: injection strings, odd numbers, odd Unicode. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202e',
  '\ud800',
  '💸💸💸',
  'ß'.repeat(300),
  "' OR 1=1 --",
  '"; DROP TABLE wallets; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://example.com/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  '__proto__',
  'constructor',
  'admin@example.com',
  'ADMIN',
];

const hugeString = fc.integer({ min: 300, max: 5_000 }).map((n) => 'x'.repeat(n));

/** Anything at all, biased to values that have broken parsers and validators before. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      0,
      -0,
      -1,
      0.5,
      1.5,
      99.99,
      1e-7,
      2 ** 31,
      2 ** 53,
      2 ** 53 + 2,
      -(2 ** 63),
      1e21,
      1e308,
      Number.MAX_VALUE,
      100_000_001,
      true,
      false,
      null,
    ),
    weight: 4,
  },
  { arbitrary: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), weight: 2 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), weight: 1 },
  {
    arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    weight: 1,
  },
);

/** A value that fits `schema`, or nearly (its boundaries and just past them). */
function validish(schema: Schema, name: string, emails: string[]): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer': {
      const min = schema.minimum ?? -1_000;
      const max = schema.maximum ?? Math.max(min + 1_000, 1_000);
      return fc.oneof(
        { arbitrary: fc.integer({ min, max: Math.min(max, min + 5_000) }), weight: 6 },
        { arbitrary: fc.integer({ min, max }), weight: 2 },
        { arbitrary: fc.constantFrom(min, max, min - 1, max + 1), weight: 2 },
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'string': {
      if (schema.format === 'email' || name.toLowerCase().includes('email')) {
        return fc.oneof(
          { arbitrary: fc.constantFrom(...emails), weight: 5 },
          { arbitrary: fc.constantFrom(...emails).map((email) => ` ${email.toUpperCase()} `), weight: 1 },
          { arbitrary: fc.emailAddress(), weight: 2 },
        );
      }
      if (name === 'password') {
        return fc.oneof(
          { arbitrary: fc.constant('correct horse battery staple'), weight: 3 },
          {
            arbitrary: fc.string({ minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 64 }),
            weight: 2,
          },
        );
      }
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 64, 64) });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** A value for one field: mostly valid-ish, often hostile. */
function fieldValue(schema: Schema, name: string, emails: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: validish(schema, name, emails), weight: 7 },
    { arbitrary: hostileValue, weight: 3 },
  );
}

/** A JSON object after `schema`: fields valid-ish, hostile or missing, sometimes with extra ones. */
function objectBody(schema: Schema, emails: string[]): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const fields = fc.tuple(
    ...properties.map(([name, property]) =>
      fc.oneof(
        { arbitrary: fieldValue(property, name, emails).map((value) => [name, value] as const), weight: 9 },
        { arbitrary: fc.constant(undefined), weight: 1 },
      ),
    ),
  );
  const extras = fc.oneof(
    { arbitrary: fc.constant([] as Array<[string, unknown]>), weight: 8 },
    {
      arbitrary: fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...SMUGGLED_FIELDS), fc.string({ maxLength: 12 })), hostileValue),
        { minLength: 1, maxLength: 2 },
      ),
      weight: 2,
    },
  );
  return fc.tuple(fields, extras).map(([chosen, extra]) => {
    const body: Record<string, unknown> = {};
    for (const field of chosen) if (field) body[field[0]] = field[1];
    for (const [name, value] of extra) {
      // defineProperty: a plain assignment to "__proto__" would set the prototype instead.
      Object.defineProperty(body, name, { value, enumerable: true, configurable: true, writable: true });
    }
    return body;
  });
}

/** Bodies that are not what any route expects, as raw text. */
const rawBodies = (emails: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      '',
      '{',
      '{"amount": }',
      '{"amount": 100,}',
      "{'amount': 100}",
      'null',
      'true',
      '"amount"',
      '[]',
      '[{"amount": 100}]',
      '{"amount": 1e2}',
      '{"amount": 1.0}',
      '{"amount": 100.000000000000001}',
      '{"amount": 100000000000000000000000000001}',
      '{"amount": -0}',
      '{"amount": 0x10}',
      '{"amount": Infinity}',
      '{"amount": NaN}',
      '{"amount": 100, "amount": -100}',
      '{"__proto__": {"role": "admin"}, "amount": 100}',
      '{"constructor": {"prototype": {"isAdmin": true}}, "amount": 100}',
      '{"amount": "100"}',
      '{"amount": [100]}',
      '{"amount": {"$gt": 0}}',
      '\ufeff{"amount": 100}',
      '{"amount": 100}garbage',
    ),
    fc
      .constantFrom(...emails)
      .map((email) => `{"recipientEmail": "${email}", "amount": 100, "recipientEmail": "x@y.z"}`),
    // Deep nesting: parsers that recurse have fallen over on this.
    fc.integer({ min: 100, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc.integer({ min: 100, max: 5_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
    // Over the 100 kB limit.
    fc.constant(`{"name": "${'y'.repeat(110 * 1024)}"}`),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );

/**
 * Percent-encodes the UTF-8 bytes of `text`; unlike encodeURIComponent it takes lone surrogates
 * too (as U+FFFD), which hostile strings are full of.
 */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Header text that survives Node's client checks: UTF-8 bytes sent as they are, no controls. */
export function headerSafe(text: string): string {
  return [...Buffer.from(text, 'utf8').toString('latin1')]
    .filter((char) => {
      const code = char.charCodeAt(0);
      return code === 0x09 || (code >= 0x20 && code !== 0x7f);
    })
    .join('');
}

/** A value as text: strings as they are, anything else as JSON. */
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? '');

const hostileHeader = fc
  .oneof(
    fc.constantFrom(...NASTY_STRINGS),
    fc.string({ unit: 'binary', maxLength: 64 }),
    fc.integer({ min: 256, max: 4_000 }).map((n) => 'k'.repeat(n)),
  )
  .map(headerSafe);

/** A query string value: fits the schema, nearly, or not at all. */
function queryValue(parameter: Parameter): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: validish(parameter.schema, parameter.name, ['a@example.com']).map(String), weight: 6 },
    {
      arbitrary: hostileValue.map((value) => asText(value)),
      weight: 4,
    },
  );
}

function queryString(parameters: Parameter[]): fc.Arbitrary<string> {
  const query = parameters.filter((parameter) => parameter.in === 'query');
  const pairs = fc.tuple(
    ...query.map((parameter) =>
      fc.oneof(
        { arbitrary: fc.constant<string[]>([]), weight: 4 },
        { arbitrary: queryValue(parameter).map((value) => [parameter.name, value]), weight: 5 },
        // The same name twice becomes an array.
        {
          arbitrary: fc
            .tuple(queryValue(parameter), queryValue(parameter))
            .map(([a, b]) => [parameter.name, a, parameter.name, b]),
          weight: 1,
        },
      ),
    ),
    fc.oneof(
      { arbitrary: fc.constant<string[]>([]), weight: 8 },
      {
        arbitrary: fc.tuple(
          fc.constantFrom(
            '__proto__[admin]',
            'constructor[prototype][x]',
            'page[]',
            'limit[$gt]',
            'extra',
            'role',
          ),
          fc.constantFrom('1', 'true', 'admin', ''),
        ),
        weight: 2,
      },
    ),
  );
  // Already-encoded garbage: percent signs without hex, encoded surrogates, bytes that are not UTF-8.
  const raw = fc.oneof(
    { arbitrary: fc.constant(''), weight: 12 },
    {
      arbitrary: fc.constantFrom(
        'search=%ED%A0%80',
        'search=%FF%FE',
        'page=%',
        'limit=%zz',
        'type=%00',
        '&&&',
        '=',
        'a=b=c',
      ),
      weight: 1,
    },
  );
  return fc.tuple(pairs, raw).map(([groups, garbage]) => {
    const flat = groups.flat();
    const parts: string[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      parts.push(`${percentEncode(flat[i])}=${percentEncode(flat[i + 1])}`);
    }
    if (garbage) parts.push(garbage);
    return parts.length > 0 ? `?${parts.join('&')}` : '';
  });
}

const pathIds: fc.Arbitrary<PathId> = fc.oneof(
  {
    arbitrary: fc
      .integer({ min: 0, max: USERS_IN_PLAY - 1 })
      .map((index): PathId => ({ kind: 'user', index })),
    weight: 6,
  },
  { arbitrary: fc.constant<PathId>({ kind: 'admin' }), weight: 1 },
  { arbitrary: fc.uuid().map((value): PathId => ({ kind: 'raw', value })), weight: 2 },
  {
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          '0',
          '-1',
          '1.5',
          'null',
          '..',
          '%2e%2e',
          '%00',
          '%',
          '%zz',
          '%E0%A4%A',
          'me',
          'ADMIN',
        ),
        hostileValue.map((value) => percentEncode(asText(value))),
        fc.uuid().map((id) => id.toUpperCase()),
        fc.uuid().map((id) => `${id}x`),
      )
      .map((value): PathId => ({ kind: 'raw', value })),
    weight: 3,
  },
);

const spareCallers: fc.Arbitrary<Caller> = fc.oneof(
  {
    arbitrary: fc
      .integer({ min: 0, max: SPARE_USERS - 1 })
      .map((index): Caller => ({ kind: 'spare user', index })),
    weight: 3,
  },
  { arbitrary: fc.constant<Caller>({ kind: 'spare admin' }), weight: 1 },
);

const sparePathIds: fc.Arbitrary<PathId> = fc.oneof(
  {
    arbitrary: fc
      .integer({ min: 0, max: SPARE_USERS - 1 })
      .map((index): PathId => ({ kind: 'spare user', index })),
    weight: 4,
  },
  { arbitrary: pathIds, weight: 1 },
);

/** Sign-out and deactivation end sessions: they are sent by, or aimed at, the spare accounts. */
const endsSessions = (route: FuzzRoute) => /\/(logout|deactivate)$/.test(route.path);

function callers(route: FuzzRoute): fc.Arbitrary<Caller> {
  if (endsSessions(route) && !route.path.includes('{id}')) {
    return fc.oneof(
      { arbitrary: spareCallers, weight: 9 },
      { arbitrary: fc.constant<Caller>({ kind: 'none' }), weight: 1 },
    );
  }
  const right: fc.Arbitrary<Caller> =
    route.caller === 'admin'
      ? fc.constant({ kind: 'admin' })
      : route.caller === 'none'
        ? fc.constant({ kind: 'none' })
        : fc.integer({ min: 0, max: USERS_IN_PLAY - 1 }).map((index): Caller => ({ kind: 'user', index }));
  return fc.oneof(
    { arbitrary: right, weight: 8 },
    { arbitrary: fc.constant<Caller>({ kind: 'none' }), weight: 1 },
    { arbitrary: fc.constant<Caller>({ kind: 'admin' }), weight: 1 },
    {
      arbitrary: fc
        .integer({ min: 0, max: USERS_IN_PLAY - 1 })
        .map((index): Caller => ({ kind: 'user', index })),
      weight: 1,
    },
    {
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            'Bearer',
            'Bearer ',
            'Basic YWRtaW46YWRtaW4=',
            'bearer x.y.z',
            'Bearer a.b',
            'Bearer ..',
          ),
          hostileHeader.map((value) => `Bearer ${value}`),
        )
        .map((value): Caller => ({ kind: 'header', value })),
      weight: 1,
    },
  );
}

const keys: fc.Arbitrary<KeyChoice> = fc.oneof(
  { arbitrary: fc.constant<KeyChoice>({ kind: 'fresh' }), weight: 6 },
  {
    arbitrary: fc.integer({ min: 0, max: KEY_POOL - 1 }).map((index): KeyChoice => ({ kind: 'pool', index })),
    weight: 2,
  },
  { arbitrary: fc.constant<KeyChoice>({ kind: 'absent' }), weight: 1 },
  { arbitrary: hostileHeader.map((value): KeyChoice => ({ kind: 'raw', value })), weight: 1 },
);

const contentTypes: fc.Arbitrary<string | null> = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 12 },
  {
    arbitrary: fc.constantFrom(
      null,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'application/merge-patch+json',
      'application/json, text/plain',
      '*/*',
    ),
    weight: 2,
  },
);

const extraHeaders = (emails: string[]): fc.Arbitrary<Record<string, string>> =>
  fc.oneof(
    { arbitrary: fc.constant({}), weight: 8 },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'x-request-id',
            'x-admin-secret',
            'x-forwarded-for',
            'origin',
            'accept',
            'x-http-method-override',
          ),
          fc.oneof(
            hostileHeader,
            fc.constantFrom(...emails),
            fc.constantFrom('DELETE', 'http://evil.example', '*/*'),
          ),
        )
        .map(([name, value]) => ({ [name]: value })),
      weight: 2,
    },
  );

/** The routes of openapi.json with their schemas resolved. */
export function loadRoutes(): FuzzRoute[] {
  const spec = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema> };
  };
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(spec.components.schemas[schema.$ref.split('/').pop()!]);
    if (!schema.properties) return schema;
    return {
      ...schema,
      properties: Object.fromEntries(
        Object.entries(schema.properties).map(([name, p]) => [name, resolve(p)]),
      ),
    };
  };
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]): FuzzRoute => {
      const body = operation.requestBody?.content['application/json']?.schema;
      const caller = !operation.security
        ? 'none'
        : path.includes('/admin/')
          ? 'admin'
          : path.includes('/wallet') || path.includes('/users/')
            ? 'user'
            : 'any';
      const money = /withdraw|transfer|deposit/.test(path);
      const costly = /register|login/.test(path); // a password hash each: fuzzed less
      return {
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((parameter) => ({
          ...parameter,
          schema: resolve(parameter.schema),
        })),
        body: body && resolve(body),
        caller,
        weight: money ? 6 : costly ? 1 : 2,
      };
    }),
  );
}

/** Requests for one route: every part valid-ish or hostile, as fast-check draws them. */
function planFor(route: FuzzRoute, emails: string[]): fc.Arbitrary<Plan> {
  const hasId = route.path.includes('{id}');
  const takesKey = route.parameters.some((parameter) => parameter.name === 'Idempotency-Key');
  const takesSecret = route.parameters.some((parameter) => parameter.name === 'X-Admin-Secret');
  const body: fc.Arbitrary<BodyChoice> = fc.oneof(
    {
      arbitrary: route.body
        ? objectBody(route.body, emails).map((value): BodyChoice => ({ kind: 'json', value }))
        : fc.constant<BodyChoice>({ kind: 'none' }),
      weight: 8,
    },
    { arbitrary: rawBodies(emails).map((text): BodyChoice => ({ kind: 'raw', text })), weight: 1 },
    { arbitrary: hostileValue.map((value): BodyChoice => ({ kind: 'json', value })), weight: 1 },
  );
  const method = fc.oneof(
    { arbitrary: fc.constant(route.method), weight: 30 },
    { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), weight: 1 },
  );
  return fc
    .record({
      method,
      pathId: hasId ? (endsSessions(route) ? sparePathIds : pathIds) : fc.constant(undefined),
      query: queryString(route.parameters),
      caller: callers(route),
      key: takesKey
        ? keys
        : fc.oneof(
            { arbitrary: fc.constant<KeyChoice>({ kind: 'absent' }), weight: 9 },
            { arbitrary: keys, weight: 1 },
          ),
      contentType: contentTypes,
      body,
      headers: extraHeaders(emails),
      adminSecret: takesSecret ? fc.boolean() : fc.constant(false),
    })
    .map((drawn): Plan => ({ route: `${route.method} ${route.path}`, path: route.path, ...drawn }));
}

/** Requests across all routes, weighted, plus a few to paths that do not exist. */
export function planArbitrary(routes: FuzzRoute[], emails: string[]): fc.Arbitrary<Plan> {
  const unknown = fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'DELETE'),
      path: fc.oneof(
        fc.constantFrom(
          '/api/v1',
          '/api/v2/wallet',
          '/api/v1/wallet/../admin/users',
          '/admin',
          '/.env',
          '/api/v1/%2e%2e/health',
        ),
        fc.string({ maxLength: 30 }).map((text) => `/api/v1/${percentEncode(text)}`),
      ),
      caller: callers({ method: 'GET', path: '', parameters: [], caller: 'any', weight: 1 }),
    })
    .map((drawn): Plan => ({
      route: 'unknown path',
      ...drawn,
      query: '',
      key: { kind: 'absent' },
      contentType: null,
      body: { kind: 'none' },
      headers: {},
      adminSecret: false,
    }));
  return fc.oneof(...routes.map((route) => ({ arbitrary: planFor(route, emails), weight: route.weight })), {
    arbitrary: unknown,
    weight: 1,
  });
}
