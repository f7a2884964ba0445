import { compile } from '@fastify/proxy-addr';
import type { TrustProxy } from '@wallet/config';

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
