import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertConsoleBuilt, ConsoleServer, startConsoleServer } from './support/console-server';

/**
 * The console server (`npm run start:console`) in front of a stub API on loopback: what it serves
 * itself, and what it passes on to the API and back.
 */

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
  "frame-ancestors 'none'";
const PROXY_SECRET = 'a-console-server-test-secret-of-32-characters-or-more';

/** Answers every request with `x-status` (default 200) and a JSON echo; remembers what it saw. */
async function startStubApi(): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(Number(req.headers['x-status'] ?? 200), {
        'content-type': 'application/json',
        'x-upstream': 'stub',
        // Hop-by-hop on the way back too: not for the browser.
        'keep-alive': 'timeout=5',
        connection: 'x-upstream-hop',
        'x-upstream-hop': 'private',
      });
      res.end(JSON.stringify({ ok: true }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

/** A raw HTTP/1.1 request: fetch() may not set Connection or Keep-Alive. */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('console server', () => {
  let stub: Awaited<ReturnType<typeof startStubApi>>;
  let server: ConsoleServer;

  beforeAll(async () => {
    assertConsoleBuilt();
    stub = await startStubApi();
    server = await startConsoleServer(stub.url, { TRUST_PROXY_SECRET: PROXY_SECRET });
  });

  afterAll(async () => {
    await server?.stop();
    stub?.server.closeAllConnections();
    await new Promise((resolve) => stub?.server.close(resolve));
  });

  beforeEach(() => stub.seen.splice(0));

  it('serves the built console with its security headers', async () => {
    const answer = await fetch(`${server.url}/index.html`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.headers.get('content-security-policy')).toBe(CSP);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(await answer.text()).toMatch(/<app-root|<html/);
  });

  it('answers a console route with index.html, and a missing file with 404', async () => {
    const index = await (await fetch(`${server.url}/index.html`)).text();
    for (const path of ['/', '/dashboard', '/admin/users/0b7d2f52-7f86-4f61-9b1e-7e0f1a3a5a0e']) {
      const answer = await fetch(`${server.url}${path}`);
      expect([path, answer.status, answer.headers.get('cache-control')]).toEqual([path, 200, 'no-cache']);
      expect(answer.headers.get('content-security-policy')).toBe(CSP);
      expect(await answer.text()).toBe(index);
    }
    const missing = await fetch(`${server.url}/missing-file.js`);
    expect(missing.status).toBe(404);
    expect(stub.seen).toEqual([]);
  });

  it('proxies /api to the API with method, path, query, body and status', async () => {
    const answer = await fetch(`${server.url}/api/v1/wallet/transfer?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-status': '422', authorization: 'Bearer t' },
      body: JSON.stringify({ amount: 5 }),
    });
    expect(answer.status).toBe(422);
    expect(answer.headers.get('x-upstream')).toBe('stub');
    expect(await answer.json()).toEqual({ ok: true });
    expect(stub.seen).toHaveLength(1);
    const [{ method, url, body, headers }] = stub.seen;
    expect({ method, url, body }).toEqual({
      method: 'POST',
      url: '/api/v1/wallet/transfer?x=1',
      body: '{"amount":5}',
    });
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer t',
      host: new URL(stub.url).host,
    });
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const other = await fetch(`${server.url}/api/v1/x`, {
        method,
        body: method === 'DELETE' ? undefined : 'a',
      });
      expect([method, other.status]).toEqual([method, 200]);
    }
    expect(stub.seen.slice(1).map((seen) => [seen.method, seen.body])).toEqual([
      ['PUT', 'a'],
      ['PATCH', 'a'],
      ['DELETE', ''],
    ]);
  });

  it('passes on no hop-by-hop header, nor any the Connection header names', async () => {
    const answer = await rawRequest(`${server.url}/api/v1/auth/me`, {
      headers: {
        connection: 'keep-alive, x-client-hop',
        'keep-alive': 'timeout=5',
        'x-client-hop': 'private',
        'proxy-authorization': 'Basic abc',
        te: 'trailers',
        'x-kept': 'yes',
      },
    });
    expect(answer.status).toBe(200);
    const forwarded = stub.seen[0].headers;
    expect(forwarded['x-kept']).toBe('yes');
    for (const name of ['x-client-hop', 'keep-alive', 'proxy-authorization', 'te']) {
      expect([name, forwarded[name]]).toEqual([name, undefined]);
    }
    // And nothing the API marked hop-by-hop comes back.
    expect(answer.headers['x-upstream']).toBe('stub');
    expect(answer.headers['x-upstream-hop']).toBeUndefined();
  });

  it('replaces X-Forwarded-For with the client address and adds the proxy secret', async () => {
    await rawRequest(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '203.0.113.9',
        'x-proxy-secret': 'a guess',
      },
      body: '{}',
    });
    expect(stub.seen[0].headers).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-proxy-secret': PROXY_SECRET,
      'x-forwarded-proto': 'http',
    });
  });

  it('refuses a body over 1 MiB with 413 without passing it on', async () => {
    const answer = await rawRequest(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(1024 * 1024 + 1, 'a'),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stub.seen).toEqual([]);
    // Just under the limit goes through.
    const fits = await rawRequest(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(1024 * 1024, 'a'),
    });
    expect(fits.status).toBe(200);
    expect(stub.seen[0].body).toHaveLength(1024 * 1024);
  });

  it('answers problem+json 502 when the API does not answer', async () => {
    const orphan = await startConsoleServer('http://127.0.0.1:9');
    try {
      const answer = await fetch(`${orphan.url}/api/v1/health`);
      expect(answer.status).toBe(502);
      expect(await answer.json()).toMatchObject({ status: 502, title: 'The API does not answer' });
    } finally {
      await orphan.stop();
    }
  });
});
