import { JwtService } from '@nestjs/jwt';
import { testDb } from '@wallet/testing/db';
import { expectProblem } from '@wallet/testing/problems';
import { ADMIN_SECRET, startApi, stopApi, TestApi, testConfig } from '@wallet/testing/test-app';
import { createAdmin, createUser, newUserBody, uniqueEmail } from '@wallet/testing/users';
import { sleep } from '@wallet/testing/wait';

describe('auth and sessions (docs/design.md §4)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => stopApi(api));

  it('registers, signs in and answers /auth/me', async () => {
    const body = newUserBody();
    const registered = await api.http.post('/api/v1/auth/register').send(body).expect(201);
    expect(registered.body).toEqual({
      id: expect.any(String),
      name: body.name,
      email: body.email,
      role: 'user',
      status: 'active',
      createdAt: expect.any(String),
    });

    const login = await api.http
      .post('/api/v1/auth/login')
      .send({ email: body.email.toUpperCase(), password: body.password })
      .expect(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 30,
      user: registered.body,
    });

    const me = await api.http
      .get('/api/v1/auth/me')
      .auth(login.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(me.body).toEqual(registered.body);
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    const body = newUserBody();
    await api.http.post('/api/v1/auth/register').send(body).expect(201);
    const again = await api.http
      .post('/api/v1/auth/register')
      .send({ ...body, email: ` ${body.email.toUpperCase()} ` });
    expectProblem(again, 409, 'EMAIL_TAKEN');
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const user = await createUser(api);
    const wrongPassword = await api.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'not the password' });
    const unknownEmail = await api.http
      .post('/api/v1/auth/login')
      .send({ email: uniqueEmail('nobody'), password: 'not the password' });
    expectProblem(wrongPassword, 401, 'INVALID_CREDENTIALS');
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  it('keeps admins and users to their own routes', async () => {
    const user = await createUser(api);
    const admin = await createAdmin(api);
    expectProblem(
      await api.http.post('/api/v1/auth/admin/login').send({ email: user.email, password: user.password }),
      401,
      'INVALID_CREDENTIALS',
    );
    expectProblem(await api.http.post('/api/v1/users/me/deactivate').set(admin.auth), 403, 'FORBIDDEN');
    const me = await api.http.get('/api/v1/auth/me').set(admin.auth).expect(200);
    expect(me.body.role).toBe('admin');
  });

  it('registers admins only with the right X-Admin-Secret', async () => {
    expectProblem(await api.http.post('/api/v1/auth/admin/register').send(newUserBody()), 403, 'FORBIDDEN');
    expectProblem(
      await api.http.post('/api/v1/auth/admin/register').set('X-Admin-Secret', 'wrong').send(newUserBody()),
      403,
      'FORBIDDEN',
    );
    const disabled = await startApi({ ADMIN_REGISTRATION_SECRET: '' });
    try {
      expectProblem(
        await disabled.http
          .post('/api/v1/auth/admin/register')
          .set('X-Admin-Secret', ADMIN_SECRET)
          .send(newUserBody()),
        403,
        'ADMIN_REGISTRATION_DISABLED',
      );
    } finally {
      await disabled.close();
    }
  });

  it('ends the session at logout', async () => {
    const user = await createUser(api);
    await api.http.post('/api/v1/auth/logout').set(user.auth).expect(204);
    expectProblem(await api.http.get('/api/v1/auth/me').set(user.auth), 401, 'UNAUTHENTICATED');
    expectProblem(await api.http.post('/api/v1/auth/refresh').set(user.auth), 401, 'UNAUTHENTICATED');
  });

  it('refreshes a token for the same session', async () => {
    const user = await createUser(api);
    const refreshed = await api.http.post('/api/v1/auth/refresh').set(user.auth).expect(200);
    expect(refreshed.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 30, user: { id: user.id } });
    const fresh = { Authorization: `Bearer ${refreshed.body.accessToken}` };
    await api.http.get('/api/v1/auth/me').set(fresh).expect(200);
    // Same session: signing out with one token ends the other too.
    await api.http.post('/api/v1/auth/logout').set(fresh).expect(204);
    expectProblem(await api.http.get('/api/v1/auth/me').set(user.auth), 401, 'UNAUTHENTICATED');
  });

  it('lets a user deactivate themselves: the token stops working and sign-in is refused', async () => {
    const user = await createUser(api);
    await api.http.post('/api/v1/users/me/deactivate').set(user.auth).expect(204);
    expectProblem(await api.http.get('/api/v1/auth/me').set(user.auth), 401, 'UNAUTHENTICATED');
    expectProblem(
      await api.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password }),
      403,
      'ACCOUNT_INACTIVE',
    );
    // A wrong password still says only that the credentials are wrong.
    expectProblem(
      await api.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong password' }),
      401,
      'INVALID_CREDENTIALS',
    );
  });

  it('leaves no session behind a sign-in that overlaps a deactivation', async () => {
    const user = await createUser(api);
    const holder = await testDb().connect();
    try {
      // A deactivation in progress: the user row is locked and marked inactive, not yet committed.
      await holder.query('BEGIN');
      await holder.query(`UPDATE users SET status = 'inactive' WHERE id = $1`, [user.id]);
      await holder.query(
        `UPDATE sessions SET ended_at = now(), end_reason = 'deactivated' WHERE user_id = $1`,
        [user.id],
      );
      const login = api.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password });
      const pending = login.then((response) => response);
      await sleep(500); // the password is checked and the session insert waits for the lock
      await holder.query('COMMIT');
      expectProblem(await pending, 403, 'ACCOUNT_INACTIVE');
    } finally {
      holder.release();
    }
    const { rows } = await testDb().query(
      `SELECT count(*)::int AS live FROM sessions WHERE user_id = $1 AND ended_at IS NULL`,
      [user.id],
    );
    expect(rows[0].live).toBe(0);
  });

  it('throttles repeated sign-in attempts for one email', async () => {
    const user = await createUser(api); // one successful sign-in already counted
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await api.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'wrong password' });
      statuses.push(response.status);
      if (response.status === 429) {
        expectProblem(response, 429, 'TOO_MANY_REQUESTS');
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    // Even the right password waits out the window.
    expectProblem(
      await api.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password }),
      429,
      'TOO_MANY_REQUESTS',
    );
  });

  it('counts sign-in attempts for one email across the user and admin sign-in routes', async () => {
    const user = await createUser(api); // one attempt counted
    for (const path of [
      '/api/v1/auth/admin/login',
      '/api/v1/auth/login',
      '/api/v1/auth/admin/login',
      '/api/v1/auth/login',
    ]) {
      expectProblem(
        await api.http.post(path).send({ email: user.email, password: 'wrong password' }),
        401,
        'INVALID_CREDENTIALS',
      );
    }
    expectProblem(
      await api.http.post('/api/v1/auth/admin/login').send({ email: user.email, password: 'wrong password' }),
      429,
      'TOO_MANY_REQUESTS',
    );
  });

  it('throttles many sign-in attempts from one IP', async () => {
    const strict = await startApi({
      LOGIN_RATE_LIMIT_PER_IP: '3',
      REDIS_KEY_PREFIX: `${process.env.TEST_REDIS_PREFIX}strict-ip:`,
    });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt++) {
        const response = await strict.http
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', `203.0.113.${attempt}`) // not believed: no proxy is trusted
          .send({ email: uniqueEmail('ip'), password: 'whatever password' });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await strict.close();
    }
  });

  it('counts the client behind a trusted proxy, not the proxy', async () => {
    const proxied = await startApi({
      LOGIN_RATE_LIMIT_PER_IP: '3',
      TRUST_PROXY: 'loopback',
      REDIS_KEY_PREFIX: `${process.env.TEST_REDIS_PREFIX}proxied-ip:`,
    });
    try {
      const attempt = (client: string) =>
        proxied.http
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', client)
          .send({ email: uniqueEmail('ip'), password: 'whatever password' });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt('198.51.100.7')).status);
      statuses.push((await attempt('198.51.100.8')).status);
      expect(statuses).toEqual([401, 401, 401, 429, 401]);
    } finally {
      await proxied.close();
    }
  });

  it('never sends a password hash', async () => {
    const body = newUserBody();
    const responses = [
      await api.http.post('/api/v1/auth/register').send(body),
      await api.http.post('/api/v1/auth/login').send({ email: body.email, password: body.password }),
    ];
    const token = responses[1].body.accessToken as string;
    responses.push(await api.http.get('/api/v1/auth/me').auth(token, { type: 'bearer' }));
    responses.push(await api.http.post('/api/v1/auth/refresh').auth(token, { type: 'bearer' }));
    for (const response of responses) {
      expect(response.status).toBeLessThan(300);
      expect(response.text).not.toMatch(/password|argon2/i);
    }
  });

  describe('bad tokens give 401', () => {
    const jwt = new JwtService({ secret: testConfig().jwtSecret });
    let user: Awaited<ReturnType<typeof createUser>>;
    let claims: Record<string, unknown>;

    beforeAll(async () => {
      user = await createUser(api);
      claims = jwt.decode(user.token);
    });

    const send = (token: string) => api.http.get('/api/v1/auth/me').auth(token, { type: 'bearer' });

    it('no token, or not a bearer token', async () => {
      expectProblem(await api.http.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expectProblem(
        await api.http.get('/api/v1/auth/me').set('Authorization', 'Basic abc'),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('a tampered payload', async () => {
      const [header, , signature] = user.token.split('.');
      const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
      expectProblem(await send(`${header}.${forged}.${signature}`), 401, 'UNAUTHENTICATED');
    });

    it('an unsigned token (alg: none)', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      expectProblem(await send(`${header}.${payload}.`), 401, 'UNAUTHENTICATED');
    });

    it('a token signed with another secret', async () => {
      const other = new JwtService({ secret: 'another secret that is long enough to be valid' });
      expectProblem(await send(other.sign(claims)), 401, 'UNAUTHENTICATED');
    });

    it('an expired token', async () => {
      const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 });
      expectProblem(await send(expired), 401, 'SESSION_EXPIRED');
    });

    it('garbage', async () => {
      expectProblem(await send('not.a.jwt'), 401, 'UNAUTHENTICATED');
    });

    it('a correctly signed token whose claims disagree with its session', async () => {
      // Even with the signing secret, a token is only as good as the session it names: the
      // role comes from the database, and the session must belong to the token's subject.
      const victim = await createUser(api);
      const asAdmin = jwt.sign({ ...claims, role: 'admin' });
      const me = await send(asAdmin).expect(200);
      expect(me.body.role).toBe('user');
      expectProblem(
        await api.http.get('/api/v1/admin/users').auth(asAdmin, { type: 'bearer' }),
        403,
        'FORBIDDEN',
      );
      const asVictim = jwt.sign({ ...claims, sub: victim.id });
      expectProblem(await send(asVictim), 401, 'UNAUTHENTICATED');
      expectProblem(
        await api.http.get('/api/v1/wallet').auth(asVictim, { type: 'bearer' }),
        401,
        'UNAUTHENTICATED',
      );
    });
  });
});

describe('idle timeout across two API instances (docs/design.md §4, §11)', () => {
  let first: TestApi;
  let second: TestApi;

  beforeAll(async () => {
    [first, second] = await Promise.all([
      startApi({ SESSION_IDLE_TIMEOUT_SECONDS: '2' }),
      startApi({ SESSION_IDLE_TIMEOUT_SECONDS: '2' }),
    ]);
  });
  afterAll(() => Promise.all([first.close(), second.close()]));

  it('keeps a steadily used session alive, on either instance, and ends an idle one', async () => {
    const user = await createUser(first);
    expect((await first.http.post('/api/v1/auth/refresh').set(user.auth).expect(200)).body.expiresIn).toBe(2);
    for (let i = 0; i < 5; i++) {
      await sleep(800);
      await (i % 2 ? first : second).http.get('/api/v1/auth/me').set(user.auth).expect(200);
    }
    await sleep(2_500);
    expectProblem(await second.http.get('/api/v1/auth/me').set(user.auth), 401, 'SESSION_EXPIRED');
    expectProblem(await first.http.get('/api/v1/auth/me').set(user.auth), 401, 'SESSION_EXPIRED');
    // A new sign-in starts a new session.
    const again = await first.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    await second.http.get('/api/v1/auth/me').auth(again.body.accessToken, { type: 'bearer' }).expect(200);
  });

  it('ends a session everywhere at logout and deactivation', async () => {
    const user = await createUser(first);
    const other = await first.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    await second.http.get('/api/v1/auth/me').set(user.auth).expect(200);
    await second.http.post('/api/v1/auth/logout').set(user.auth).expect(204);
    expectProblem(await first.http.get('/api/v1/auth/me').set(user.auth), 401, 'UNAUTHENTICATED');

    const otherAuth = { Authorization: `Bearer ${other.body.accessToken}` };
    await first.http.get('/api/v1/auth/me').set(otherAuth).expect(200);
    await first.http.post('/api/v1/users/me/deactivate').set(otherAuth).expect(204);
    expectProblem(await second.http.get('/api/v1/auth/me').set(otherAuth), 401, 'UNAUTHENTICATED');
  });
});
