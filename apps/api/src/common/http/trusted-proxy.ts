import { compile } from '@fastify/proxy-addr';
import type { TrustProxy } from '@wallet/config';
import type { FastifyInstance } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';

/** Fastify's `trustProxy` function: is the hop-th address back from the socket a trusted proxy? */
export type TrustProxyFunction = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY (validated by loadConfig) as Fastify's `trustProxy` function. A hop count trusts the
 * nearest N addresses, as in Express and proxy-addr (Fastify 5 given a bare number trusts none).
 */
export function trustProxyFunction(trust: TrustProxy): TrustProxyFunction | false {
  if (trust === false) return false;
  if (trust === true) return () => true;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return compile(trust);
}

/** The header a proxy that knows TRUST_PROXY_SECRET sends it in (scripts/console-server.mts). */
export const PROXY_SECRET_HEADER = 'x-proxy-secret';

/** What a client could forge to pass for another address, host or scheme. */
const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto'];

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * With TRUST_PROXY_SECRET set, a request's forwarded headers count only when it carries the secret
 * in `X-Proxy-Secret` (compared in constant time): the trust function above cannot see the request,
 * so this hook, the first to run, removes them from any other request before Fastify's
 * `request.ip` (which applies the trust function) is read. The secret header itself is removed
 * from every request, so nothing later (logs, error reports) can see it. Without a secret, nothing
 * changes: TRUST_PROXY alone decides.
 */
export function requireProxySecret(fastify: FastifyInstance, secret: string | undefined): void {
  if (secret === undefined) return;
  const expected = digest(secret);
  fastify.addHook('onRequest', async (request) => {
    const headers = request.raw.headers;
    const given = headers[PROXY_SECRET_HEADER];
    delete headers[PROXY_SECRET_HEADER];
    if (typeof given === 'string' && timingSafeEqual(digest(given), expected)) return;
    for (const name of FORWARDED_HEADERS) delete headers[name];
  });
}
