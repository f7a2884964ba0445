import { generate } from 'otplib';
import type { TestApi } from './test-app';
import type { TestUser } from './users';
import { sleep } from './wait';

const PERIOD_SECONDS = 30;

/**
 * The code of the current TOTP time step (`steps` = 0), or of one before or after it, as an
 * authenticator app holding `secret` would show it (docs/design.md §15).
 */
export function totpCode(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * PERIOD_SECONDS });
}

/**
 * Waits, if needed, until the current time step has at least `seconds` left, so that codes
 * computed now are judged by the API within the same step.
 */
export async function withinOneStep(seconds = 8): Promise<void> {
  const leftMs = PERIOD_SECONDS * 1000 - (Date.now() % (PERIOD_SECONDS * 1000));
  if (leftMs < seconds * 1000) await sleep(leftMs + 200);
}

export function adminLogin(api: TestApi, admin: Pick<TestUser, 'email' | 'password'>, totpCode?: string) {
  return api.http
    .post('/api/v1/auth/admin/login')
    .send({ email: admin.email, password: admin.password, ...(totpCode === undefined ? {} : { totpCode }) });
}

/**
 * Sets up and enables an admin's second factor with the code of the previous step, which is then
 * spent: the current step's code is still fresh for a sign-in.
 */
export async function enrolTotp(
  api: TestApi,
  admin: TestUser,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  await withinOneStep();
  const setup = await api.http.post('/api/v1/auth/admin/totp/setup').set(admin.auth).expect(200);
  const secret = setup.body.secret as string;
  const enabled = await api.http
    .post('/api/v1/auth/admin/totp/enable')
    .set(admin.auth)
    .send({ code: await totpCode(secret, -1) })
    .expect(200);
  return { secret, recoveryCodes: enabled.body.recoveryCodes as string[] };
}
