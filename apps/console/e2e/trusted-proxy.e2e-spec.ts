import { request } from 'node:http';
import { closeTestDb } from '@wallet/testing/db';
import { startApi, TestApi } from '@wallet/testing/test-app';
import { uniqueEmail } from '@wallet/testing/users';
import { assertConsoleBuilt, ConsoleServer, startConsoleServer } from './support/console-server';

/**
 * `npm start`'s arrangement: the API trusts loopback, but believes X-Forwarded-For only from the
 * console server, which knows TRUST_PROXY_SECRET. Any other local process that forges the header
 * is counted against its own address by the per-IP sign-in limit.
 */

const SECRET = 'trusted-proxy-e2e-secret-of-32-characters-or-more';

/** A failed sign-in from the loopback address `from` (127.0.0.0/8 is all loopback on Linux). */
function signIn(base: string, from: string, headers: Record<string, string>): Promise<number> {
  const body = JSON.stringify({ email: uniqueEmail('xff'), password: 'whatever password' });
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/api/v1/auth/login`,
      {
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('X-Forwarded-For with TRUST_PROXY_SECRET', () => {
  let api: TestApi;
  let server: ConsoleServer;

  beforeAll(async () => {
    assertConsoleBuilt();
    api = await startApi({
      LOGIN_RATE_LIMIT_PER_IP: '3',
      TRUST_PROXY: 'loopback',
      TRUST_PROXY_SECRET: SECRET,
      REDIS_KEY_PREFIX: `${process.env.TEST_REDIS_PREFIX}proxy-secret:`,
    });
    server = await startConsoleServer(await api.app.getUrl(), { TRUST_PROXY_SECRET: SECRET });
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
    await closeTestDb();
  });

  it('is not believed from a local client without the secret', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push(
        await signIn(api.url, '127.0.0.11', {
          'x-forwarded-for': `203.0.113.${attempt}`,
          ...(attempt % 2 ? { 'x-proxy-secret': 'a wrong guess of the secret, 32+ characters' } : {}),
        }),
      );
    }
    // All four counted against 127.0.0.11, the address the requests came from.
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('is believed from the console server, which sets it to its client address', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      // The client's own forgery is replaced by the console server with 127.0.0.12.
      statuses.push(await signIn(server.url, '127.0.0.12', { 'x-forwarded-for': `198.51.100.${attempt}` }));
    }
    // Counted against 127.0.0.12, not the console server's 127.0.0.1 nor the forged addresses.
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Another client of the console has a count of its own.
    expect(await signIn(server.url, '127.0.0.13', {})).toBe(401);
  });
});
