import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { closeTestDb } from '@wallet/testing/db';
import { expectProblem } from '@wallet/testing/problems';
import { startApi, TestApi } from '@wallet/testing/test-app';
import { adminLogin, enrolTotp, totpCode, withinOneStep } from '@wallet/testing/totp';
import { createAdmin, createUser, uniqueEmail } from '@wallet/testing/users';

/** A compiled command (`npm run admin:…`) against the run's database, as an operator runs it. */
function runCommand(name: string, args: string[]) {
  return spawnSync(
    process.execPath,
    [join(__dirname, '../../../scripts/dist-run.mts'), 'api', name, ...args],
    {
      env: {
        ...process.env,
        DATABASE_URL: process.env.TEST_DATABASE_URL,
        REDIS_KEY_PREFIX: process.env.TEST_REDIS_PREFIX,
        LOG_LEVEL: 'error',
      },
      encoding: 'utf8',
    },
  );
}

describe('admin second factor (docs/design.md §15)', () => {
  let api: TestApi;

  beforeAll(async () => {
    // Several sign-ins at one email per test; the per-email limit has its own test below.
    api = await startApi({ LOGIN_RATE_LIMIT_PER_EMAIL: '1000' });
  });
  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('enrols, then asks for a code; each code and each recovery code is accepted once', async () => {
    const admin = await createAdmin(api, 'totp');
    const before = await api.http.get('/api/v1/auth/admin/totp').set(admin.auth).expect(200);
    expect(before.body).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });

    await withinOneStep();
    const setup = await api.http.post('/api/v1/auth/admin/totp/setup').set(admin.auth).expect(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]{32}/);
    expect(setup.body.otpauthUrl).toContain(encodeURIComponent(admin.email));
    const secret = setup.body.secret as string;
    // Until enabled, sign-in is as before.
    await adminLogin(api, admin).expect(200);

    expectProblem(
      await api.http.post('/api/v1/auth/admin/totp/enable').set(admin.auth).send({ code: '000000' }),
      422,
      'TOTP_CODE_INVALID',
    );
    const enabled = await api.http
      .post('/api/v1/auth/admin/totp/enable')
      .set(admin.auth)
      .send({ code: await totpCode(secret, -1) })
      .expect(200);
    const recoveryCodes = enabled.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    expectProblem(await adminLogin(api, admin), 401, 'TOTP_REQUIRED');
    expectProblem(await adminLogin(api, admin, '   '), 401, 'TOTP_REQUIRED');
    expectProblem(await adminLogin(api, admin, ''), 400, 'VALIDATION_FAILED');
    const fresh = await totpCode(secret);
    const signedIn = await adminLogin(api, admin, fresh).expect(200);
    expect(signedIn.body.user).toMatchObject({ id: admin.id, role: 'admin' });
    await api.http
      .get('/api/v1/admin/users')
      .set('Authorization', `Bearer ${signedIn.body.accessToken}`)
      .expect(200);

    expectProblem(await adminLogin(api, admin, fresh), 401, 'INVALID_CREDENTIALS'); // the same code again
    expectProblem(await adminLogin(api, admin, await totpCode(secret, -1)), 401, 'INVALID_CREDENTIALS'); // older
    expectProblem(await adminLogin(api, admin, '123456'), 401, 'INVALID_CREDENTIALS');
    // A wrong password with a right code is still a wrong password.
    expectProblem(
      await adminLogin(api, { ...admin, password: 'not the password' }, await totpCode(secret, 1)),
      401,
      'INVALID_CREDENTIALS',
    );

    const [recovery] = recoveryCodes;
    await adminLogin(api, admin, recovery.toUpperCase()).expect(200);
    expectProblem(await adminLogin(api, admin, recovery), 401, 'INVALID_CREDENTIALS');
    expectProblem(await adminLogin(api, admin, 'abcd-efgh-jkmn-pqrs'), 401, 'INVALID_CREDENTIALS');
    await adminLogin(api, admin, recoveryCodes[1]).expect(200);

    const after = await api.http.get('/api/v1/auth/admin/totp').set(admin.auth).expect(200);
    expect(after.body).toMatchObject({ enabled: true, recoveryCodesLeft: 8 });
    expectProblem(
      await api.http.post('/api/v1/auth/admin/totp/setup').set(admin.auth),
      409,
      'TOTP_ALREADY_ENABLED',
    );
    // The user sign-in takes no code, so it cannot be a way around the second factor.
    const userRoute = await api.http
      .post('/api/v1/auth/login')
      .send({ email: admin.email, password: admin.password });
    expectProblem(userRoute, 401, 'TOTP_REQUIRED');

    const audit = await api.http.get(`/api/v1/admin/audit-log?targetUserId=${admin.id}`).set(admin.auth);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['totp_enabled']);
  });

  it('accepts one code once even when two sign-ins send it at the same moment', async () => {
    const admin = await createAdmin(api, 'race');
    const { secret } = await enrolTotp(api, admin);
    const code = await totpCode(secret);
    const answers = await Promise.all(Array.from({ length: 4 }, () => adminLogin(api, admin, code)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401]);
  });

  it('lets another admin, never the admin themselves, reset a lost second factor', async () => {
    const [lost, helper] = [await createAdmin(api, 'lost'), await createAdmin(api, 'helper')];
    await enrolTotp(api, lost);
    expectProblem(await adminLogin(api, lost), 401, 'TOTP_REQUIRED');

    const reset = (by: typeof lost, id: string) =>
      api.http.post(`/api/v1/admin/users/${id}/totp/reset`).set(by.auth);
    expectProblem(await reset(lost, lost.id), 403, 'FORBIDDEN');
    const user = await createUser(api);
    expectProblem(await reset(helper, user.id), 404, 'NOT_FOUND');
    expectProblem(
      await api.http.post(`/api/v1/admin/users/${lost.id}/totp/reset`).set(user.auth),
      403,
      'FORBIDDEN',
    );

    await reset(helper, lost.id).expect(204);
    await adminLogin(api, lost).expect(200); // the password alone again, to enrol anew
    await reset(helper, lost.id).expect(204); // nothing left to reset: no second audit entry

    const audit = await api.http.get(`/api/v1/admin/audit-log?targetUserId=${lost.id}`).set(helper.auth);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: 'totp_reset', adminId: helper.id, targetUserId: lost.id }),
      expect.objectContaining({ action: 'totp_enabled', adminId: lost.id }),
    ]);
  });

  it('keeps npm run admin:create for the first admin, and resets a lost factor from the command line', async () => {
    const email = uniqueEmail('first');
    const password = 'a long enough password';
    const created = runCommand('cli/admin-create', [
      '--email',
      email,
      '--name',
      'First Admin',
      '--password',
      password,
    ]);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const signedIn = await adminLogin(api, { email, password }).expect(200); // no second factor yet
    const first = {
      id: signedIn.body.user.id as string,
      name: 'First Admin',
      email,
      password,
      token: signedIn.body.accessToken as string,
      auth: { Authorization: `Bearer ${signedIn.body.accessToken as string}` },
    };
    await enrolTotp(api, first);
    expectProblem(await adminLogin(api, first), 401, 'TOTP_REQUIRED');

    const reset = runCommand('cli/admin-reset-totp', ['--email', email.toUpperCase()]);
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain('is reset');
    await adminLogin(api, first).expect(200);
    expect(runCommand('cli/admin-reset-totp', ['--email', uniqueEmail('nobody')]).status).toBe(1);
    expect(runCommand('cli/admin-reset-totp', []).status).toBe(2);
  });

  it('counts codes against the sign-in limits, as passwords are counted', async () => {
    const limited = await startApi({ LOGIN_RATE_LIMIT_PER_EMAIL: '4' });
    try {
      const admin = await createAdmin(limited, 'guesser'); // sign-in 1
      const { secret } = await enrolTotp(limited, admin);
      for (const guess of ['111111', '222222', '333333']) {
        expectProblem(await adminLogin(limited, admin, guess), 401, 'INVALID_CREDENTIALS'); // 2 to 4
      }
      // Over the limit, even the right code is not looked at.
      expectProblem(await adminLogin(limited, admin, await totpCode(secret)), 429, 'TOO_MANY_REQUESTS');
    } finally {
      await limited.close();
    }
  });

  describe('with ADMIN_TOTP_REQUIRED=true', () => {
    let strict: TestApi;
    beforeAll(async () => (strict = await startApi({ ADMIN_TOTP_REQUIRED: 'true' })));
    afterAll(() => strict.close());

    it('lets an admin without a second factor only enrol, then everything', async () => {
      const admin = await createAdmin(strict, 'newcomer');
      const user = await createUser(strict);
      expectProblem(
        await strict.http.get('/api/v1/admin/users').set(admin.auth),
        403,
        'TOTP_ENROLLMENT_REQUIRED',
      );
      expectProblem(
        await strict.http
          .post(`/api/v1/admin/users/${user.id}/deposit`)
          .set(admin.auth)
          .set('Idempotency-Key', 'k-1')
          .send({ amount: 100 }),
        403,
        'TOTP_ENROLLMENT_REQUIRED',
      );
      await strict.http.get('/api/v1/auth/me').set(admin.auth).expect(200);
      await strict.http.post('/api/v1/auth/refresh').set(admin.auth).expect(200);
      await strict.http.get('/api/v1/wallet').set(user.auth).expect(200); // users are not concerned

      await enrolTotp(strict, admin);
      await strict.http.get('/api/v1/admin/users').set(admin.auth).expect(200);
    });
  });
});
