import { loadConfig } from '@wallet/config';
import { expectLedgerHolds, testDb } from '@wallet/testing/db';
import { deposit, freeze, historyOf } from '@wallet/testing/money';
import { expectProblem } from '@wallet/testing/problems';
import { PrivateRedis } from '@wallet/testing/redis-server';
import { ADMIN_SECRET, startApi, stopApi, TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser, newUserBody, uniqueEmail } from '@wallet/testing/users';

/** Attacks an outside review tried, each refused (docs/design.md §4, §5). */
describe('abuse of the public routes and of free text', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => stopApi(api));

  describe('admin registration', () => {
    it('refuses a secret shorter than 32 characters at boot, naming the setting', () => {
      expect(() => loadConfig({ ADMIN_REGISTRATION_SECRET: 'x'.repeat(31) })).toThrow(
        /ADMIN_REGISTRATION_SECRET must be at least 32 characters/,
      );
      expect(loadConfig({ ADMIN_REGISTRATION_SECRET: 'x'.repeat(32) }).adminRegistrationSecret).toHaveLength(
        32,
      );
    });

    it('throttles guesses of the secret per client address, together with sign-ins', async () => {
      const strict = await startApi({
        LOGIN_RATE_LIMIT_PER_IP: '5',
        REDIS_KEY_PREFIX: `${process.env.TEST_REDIS_PREFIX}admin-guess:`,
      });
      try {
        const guess = () =>
          strict.http
            .post('/api/v1/auth/admin/register')
            .set('X-Admin-Secret', 'a wrong guess')
            .send(newUserBody());
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) statuses.push((await guess()).status);
        statuses.push(
          (
            await strict.http
              .post('/api/v1/auth/login')
              .send({ email: uniqueEmail(), password: 'whatever 1' })
          ).status,
        );
        const refused = await guess();
        expectProblem(refused, 429, 'TOO_MANY_REQUESTS');
        expect(refused.headers['retry-after']).toBeDefined();
        expect(statuses).toEqual([403, 403, 403, 403, 401]);
        // Even the right secret waits now: a right guess is not to be told from a wrong one.
        const right = await strict.http
          .post('/api/v1/auth/admin/register')
          .set('X-Admin-Secret', ADMIN_SECRET)
          .send(newUserBody());
        expectProblem(right, 429, 'TOO_MANY_REQUESTS');
      } finally {
        await strict.close();
      }
    });
  });

  describe('registration', () => {
    it('is limited per client address', async () => {
      const strict = await startApi({
        REGISTRATION_RATE_LIMIT_PER_IP: '3',
        REDIS_KEY_PREFIX: `${process.env.TEST_REDIS_PREFIX}registration:`,
      });
      try {
        const answers = await Promise.all(
          Array.from({ length: 6 }, () => strict.http.post('/api/v1/auth/register').send(newUserBody())),
        );
        expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 201, 429, 429, 429]);
        for (const refused of answers.filter((answer) => answer.status === 429)) {
          expectProblem(refused, 429, 'TOO_MANY_REQUESTS');
        }
      } finally {
        await strict.close();
      }
    });

    it('keeps signing in responsive under a flood of registrations: a sign-in sent after 40 of them answers before they do', async () => {
      const user = await createUser(api, 'flood');
      const finished: string[] = [];
      const registrations = Array.from({ length: 40 }, (_, i) =>
        api.http
          .post('/api/v1/auth/register')
          .send(newUserBody(`flood${i}`))
          .then((answer) => {
            expect(answer.status).toBe(201);
            finished.push('registration');
          }),
      );
      const signIn = api.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .then((answer) => {
          expect(answer.status).toBe(200);
          finished.push('sign-in');
        });
      await Promise.all([...registrations, signIn]);
      // At most two new passwords are hashed at once, so the sign-in's verification finds a free
      // thread long before the queue of hashes is through.
      expect(finished.indexOf('sign-in')).toBeLessThan(20);
    });
  });

  describe('free text that reaches emails and other people', () => {
    const forged = 'Ada\n\nACCOUNT LOCKED: verify at http://evil.example';

    it.each([
      ['a line break', forged],
      ['a tab', 'Ada\tLovelace'],
      ['a C1 control', 'Ada\u0085'],
      ['a right-to-left override', 'Ada \u202Egpj.exe'],
      ['a bidi isolate', 'Ada \u2067x\u2069'],
    ])('refuses a name with %s', async (_, name) => {
      const answer = await api.http.post('/api/v1/auth/register').send({ ...newUserBody(), name });
      expectProblem(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    });

    it('stores names in NFC: a combining accent is one character', async () => {
      const answer = await api.http
        .post('/api/v1/auth/register')
        .send({ ...newUserBody(), name: 'Jose\u0301 Marti\u0301' })
        .expect(201);
      expect(answer.body.name).toBe('José Martí');
      expect(answer.body.name).toHaveLength(10);
    });

    it('refuses such a freeze reason, and moves nothing', async () => {
      const admin = await createAdmin(api);
      const user = await createUser(api);
      await deposit(api, admin, user.id, 500).expect(201);
      const answer = await api.http
        .post(`/api/v1/admin/users/${user.id}/freeze`)
        .set(admin.auth)
        .send({ reason: 'Review\r\nBcc: everyone@example.com' });
      expectProblem(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      await freeze(api, admin, user.id).expect(200);
      expect((await historyOf(api, user)).items).toHaveLength(1);
      await expectLedgerHolds();
    });
  });

  describe('look-alike emails', () => {
    const local = () => `jose-${Math.random().toString(36).slice(2, 8)}`;

    it('registers an address once whether typed in NFC or NFD, and signs in with either', async () => {
      const name = local();
      const nfc = `${name}\u00e9@example.com`;
      const nfd = `${name}e\u0301@example.com`;
      const password = 'correct horse battery';
      const first = await api.http.post('/api/v1/auth/register').send({ name: 'José', email: nfc, password });
      expect(first.status).toBe(201);
      expectProblem(
        await api.http.post('/api/v1/auth/register').send({ name: 'José', email: nfd, password }),
        409,
        'EMAIL_TAKEN',
      );
      expect(first.body.email).toBe(nfc.normalize('NFC'));
      await api.http.post('/api/v1/auth/login').send({ email: nfd, password }).expect(200);
      await api.http.post('/api/v1/auth/login').send({ email: nfc.toUpperCase(), password }).expect(200);
      const { rows } = await testDb().query('SELECT count(*)::int AS n FROM users WHERE email LIKE $1', [
        `${name}%`,
      ]);
      expect(rows[0].n).toBe(1);
    });

    it('finds a transfer recipient typed in NFD', async () => {
      const admin = await createAdmin(api);
      const sender = await createUser(api);
      await deposit(api, admin, sender.id, 1_000).expect(201);
      const name = local();
      await api.http
        .post('/api/v1/auth/register')
        .send({ name: 'José', email: `${name}\u00e9@example.com`, password: 'correct horse battery' })
        .expect(201);
      await api.http
        .post('/api/v1/wallet/transfer')
        .set(sender.auth)
        .set('Idempotency-Key', `nfd-${name}`)
        .send({ recipientEmail: `${name}e\u0301@example.com`, amount: 100 })
        .expect(201);
      await expectLedgerHolds();
    });

    it('declares the emails it accepts as internationalized addresses in the spec', async () => {
      const spec = (await api.http.get('/docs-json').expect(200)).body as {
        components: { schemas: Record<string, { properties: Record<string, { format?: string }> }> };
      };
      const formats = Object.values(spec.components.schemas).flatMap((schema) =>
        Object.entries(schema.properties ?? {})
          .filter(([name]) => /email/i.test(name))
          .map(([, property]) => property.format),
      );
      expect(formats.length).toBeGreaterThan(0);
      expect(new Set(formats)).toEqual(new Set(['idn-email']));
    });
  });

  describe('sign-in limits with Redis down', () => {
    it('still limits guesses, counted by the instance itself', async () => {
      const redis = await PrivateRedis.start();
      const lonely = await startApi({
        REDIS_URL: redis.url,
        LOGIN_RATE_LIMIT_PER_EMAIL: '3',
        LOGIN_RATE_LIMIT_PER_IP: '100000',
      });
      try {
        const user = await createUser(lonely);
        await redis.stop();
        const guess = () =>
          lonely.http.post('/api/v1/auth/login').send({ email: user.email, password: 'not the password' });
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) statuses.push((await guess()).status);
        expect(statuses).toEqual([401, 401, 401]);
        expectProblem(await guess(), 429, 'TOO_MANY_REQUESTS');
        expectProblem(
          await lonely.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password }),
          429,
          'TOO_MANY_REQUESTS',
        );
      } finally {
        await lonely.close();
        await redis.stop();
      }
    });
  });
});
