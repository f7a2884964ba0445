import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { lookup as dnsLookupAll } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may go (docs/design.md §14): `https:` URLs whose host resolves to public
 * addresses only, so that registering an endpoint cannot make the worker reach the cloud metadata
 * service (169.254.169.254), the database, or anything else on the private network (SSRF). The API
 * checks a URL when it is saved, for a clear 400; the worker checks every address it connects to,
 * because DNS can answer differently later (rebinding). `WEBHOOK_ALLOW_INSECURE_URLS` turns both
 * off, for development and tests, which deliver to `http://127.0.0.1`.
 */

/** Addresses that are not on the public internet (IANA special-purpose registries). */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64, which can embed any IPv4 address
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // protocol assignments, Teredo (which embeds IPv4)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, which embeds IPv4
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/**
 * Whether an IP address (v4 or v6) is a public one; anything that is not an address is not.
 * IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`, `::ffff:7f00:1`) are checked against the IPv4
 * rules: `BlockList` does that itself (which is also why the mapped range has no rule of its own:
 * it would match every IPv4 address).
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A webhook URL or the address it resolves to was refused; `message` says why, for the admin. */
export class WebhookUrlRefusedError extends Error {}

/** The host of a URL as an address (IPv6 literals come bracketed), or null for a name. */
function literalAddressOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) === 0 ? null : host;
}

/**
 * The checks that need no DNS: an absolute `https:` URL (or `http:` when insecure URLs are
 * allowed), without credentials, whose host, if an address, is public. Throws
 * {@link WebhookUrlRefusedError}; returns the parsed URL.
 */
export function parseWebhookUrl(raw: string, allowInsecure: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefusedError('url must be an absolute URL');
  }
  const protocols = allowInsecure ? ['https:', 'http:'] : ['https:'];
  if (!protocols.includes(url.protocol)) {
    throw new WebhookUrlRefusedError(
      allowInsecure ? 'url must be an https: or http: URL' : 'url must be an https: URL',
    );
  }
  // Credentials in a URL end up in logs and on admins' screens; a secret belongs in the signature.
  if (url.username !== '' || url.password !== '') {
    throw new WebhookUrlRefusedError('url must not contain a user name or password');
  }
  const literal = literalAddressOf(url);
  if (!allowInsecure && literal !== null && !isPublicAddress(literal)) {
    throw new WebhookUrlRefusedError(`url must not point to a non-public address (${literal})`);
  }
  return url;
}

/**
 * Every check, resolving the host as the worker will: refused when it does not resolve or when any
 * of its addresses is not public. For the API, when an endpoint's URL is saved.
 */
export async function checkWebhookUrl(
  raw: string,
  allowInsecure: boolean,
  resolve: (host: string) => Promise<LookupAddress[]> = (host) => dnsLookupAll(host, { all: true }),
): Promise<URL> {
  const url = parseWebhookUrl(raw, allowInsecure);
  if (allowInsecure || literalAddressOf(url) !== null) return url;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(url.hostname);
  } catch {
    throw new WebhookUrlRefusedError(`url's host ${url.hostname} does not resolve`);
  }
  const refused = addresses.find((entry) => !isPublicAddress(entry.address));
  if (refused) {
    throw new WebhookUrlRefusedError(
      `url's host ${url.hostname} resolves to a non-public address (${refused.address})`,
    );
  }
  return url;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for `http.request`/`net.connect` that resolves as usual and fails the connection when
 * any address is not public, so the address the worker connects to is the one it checked, at the
 * moment it connects (docs/design.md §14). Node calls it for host names only: an address in the
 * URL is checked by {@link parseWebhookUrl} instead.
 */
export function publicOnlyLookup(
  hostname: string,
  options: { family?: number | string; all?: boolean; hints?: number },
  callback: LookupCallback,
): void {
  const all: LookupAllOptions = { ...(options as object), all: true };
  dnsLookup(hostname, all, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused) {
      return callback(
        new WebhookUrlRefusedError(`${hostname} resolves to a non-public address (${refused.address})`),
        [],
      );
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    callback(null, first.address, first.family);
  });
}
