import Fastify from 'fastify';
import { requireProxySecret, trustProxyFunction } from './trusted-proxy';

describe('trustProxyFunction', () => {
  it('trusts nobody, everybody, the nearest hops, or the named peers', () => {
    expect(trustProxyFunction(false)).toBe(false);
    expect((trustProxyFunction(true) as (a: string, i: number) => boolean)('203.0.113.1', 5)).toBe(true);
    const twoHops = trustProxyFunction(2) as (a: string, i: number) => boolean;
    expect([0, 1, 2].map((hop) => twoHops('203.0.113.1', hop))).toEqual([true, true, false]);
    const named = trustProxyFunction(['loopback', '10.0.0.0/8']) as (a: string, i: number) => boolean;
    expect(['127.0.0.1', '10.1.2.3', '192.168.0.1'].map((address) => named(address, 0))).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('requireProxySecret', () => {
  const SECRET = 'a-proxy-secret-of-thirty-two-characters-or-more';

  async function ipSeen(secret: string | undefined, headers: Record<string, string>) {
    const fastify = Fastify({ trustProxy: trustProxyFunction(['loopback']) || undefined });
    requireProxySecret(fastify, secret);
    fastify.get('/', async (request) => ({
      ip: request.ip,
      secret: request.headers['x-proxy-secret'] ?? null,
    }));
    const answer = await fastify.inject({ url: '/', remoteAddress: '127.0.0.1', headers });
    await fastify.close();
    return answer.json<{ ip: string; secret: string | null }>();
  }

  it('believes X-Forwarded-For only with the right secret, and never passes the secret on', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.7' };
    expect(await ipSeen(SECRET, { ...forwarded, 'x-proxy-secret': SECRET })).toEqual({
      ip: '203.0.113.7',
      secret: null,
    });
    expect(await ipSeen(SECRET, { ...forwarded, 'x-proxy-secret': `${SECRET}x` })).toEqual({
      ip: '127.0.0.1',
      secret: null,
    });
    expect(await ipSeen(SECRET, forwarded)).toEqual({ ip: '127.0.0.1', secret: null });
    // Without a secret configured, TRUST_PROXY alone decides, as before.
    expect(await ipSeen(undefined, forwarded)).toEqual({ ip: '203.0.113.7', secret: null });
  });
});
