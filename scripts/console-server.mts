// `npm run start:console` (docs/design.md §9): serves the built console (dist/apps/console) on CONSOLE_PORT
// (3000) and proxies /api to API_URL (http://127.0.0.1:8000), so the browser talks to one origin.
// Fastify with @fastify/static and @fastify/http-proxy; run by Node itself (type stripping), so
// only erasable TypeScript here. Unknown paths get index.html, for the console's own routes.
import fastifyHttpProxy from '@fastify/http-proxy';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { loadDotEnv } from './lib/dot-env.ts';

const root = new URL('../dist/apps/console/', import.meta.url).pathname;
const index = join(root, 'index.html');

/** Request bodies past this are refused with 413 before they reach the API. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** CONSOLE_PORT, API_URL and TRUST_PROXY_SECRET from the environment, else from a .env file here. */
loadDotEnv();
function setting(name: string, fallback?: string): string | undefined {
  return process.env[name] || fallback;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const port = Number(setting('CONSOLE_PORT', '3000'));
let apiUrl: URL;
try {
  apiUrl = new URL(setting('API_URL', 'http://127.0.0.1:8000')!);
} catch {
  fail(`API_URL must be a URL like http://127.0.0.1:8000, not "${setting('API_URL')}".`);
}
// Sent to the API, which then believes the X-Forwarded-For set here (apps/api/src/common/http/trusted-proxy.ts).
const proxySecret = setting('TRUST_PROXY_SECRET');

if (!existsSync(index)) {
  fail(`${index} is not built yet: run \`npm run build\` (or \`npm run build:console\`) first.`);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  fail(`CONSOLE_PORT must be a port number, not "${setting('CONSOLE_PORT')}".`);
}

// The console loads nothing from elsewhere; Angular and Material set inline styles.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
    "frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Built files carry a content hash in their name and never change; index.html always may. The
 * hash is 8 letters, digits, `_` or `-` (`main-EUVSHQG5.js`, and since Angular 22 `chunk-C-jn9hJg.js`).
 */
const HASHED = /-[A-Za-z0-9_-]{8}\.(js|css)$/;

/** Meaningful for one connection only (RFC 9110 §7.6.1), never passed on. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/** `headers` less the hop-by-hop ones and those their `Connection` header names. */
function withoutHopByHop(headers: IncomingHttpHeaders, connection = headers.connection): IncomingHttpHeaders {
  const named = String(connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.includes(name) && !named.includes(name)) out[name] = value;
  }
  return out;
}

/** What goes to the API: no hop-by-hop headers, the real client address, the proxy secret if any. */
function headersForApi(
  request: { headers: IncomingHttpHeaders; socket: { remoteAddress?: string } },
  headers: IncomingHttpHeaders,
): IncomingHttpHeaders {
  // reply-from has already dropped `connection` from `headers`: the names come from the request.
  const out = withoutHopByHop(headers, request.headers.connection);
  delete out['x-proxy-secret'];
  out.host = apiUrl.host;
  // Replaced, not appended: a client's own X-Forwarded-For would otherwise be believed by the API.
  out['x-forwarded-for'] = request.socket.remoteAddress ?? '';
  out['x-forwarded-host'] = request.headers.host ?? '';
  out['x-forwarded-proto'] = 'http';
  if (proxySecret) out['x-proxy-secret'] = proxySecret;
  return out;
}

/** problem+json like the API's own errors, so the console can word it (docs/design.md §5). */
function sendProblem(reply: FastifyReply, status: number, title: string, detail: string): void {
  void reply
    .status(status)
    .header('content-type', 'application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

const server = Fastify({ bodyLimit: BODY_LIMIT_BYTES, return503OnClosing: false });

server.setErrorHandler((error: FastifyError, _request, reply) => {
  const status = error.statusCode ?? 500;
  if (status === 413) {
    sendProblem(reply, 413, 'Request body too large', `Bodies are limited to ${BODY_LIMIT_BYTES} bytes.`);
  } else {
    sendProblem(reply, status, status < 500 ? 'Bad request' : 'Console server error', error.message);
  }
});

// The console's own files (everything outside /api) carry the security headers.
server.addHook('onSend', async (request, reply) => {
  if (!isApi(request.url)) reply.headers(SECURITY_HEADERS);
});

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

await server.register(fastifyStatic, {
  root,
  wildcard: true,
  index: 'index.html',
  cacheControl: false,
  etag: true,
  lastModified: true,
  setHeaders: (reply, path) => {
    void reply.header(
      'cache-control',
      HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
  },
});

server.setNotFoundHandler((request, reply) => {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    void reply.status(405).header('allow', 'GET, HEAD').send();
    return;
  }
  // A file-like path that does not exist is a 404; anything else is a console route.
  const path = request.url.split('?')[0];
  if (extname(path) && path !== '/index.html') {
    void reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    return;
  }
  void reply.header('cache-control', 'no-cache').sendFile('index.html');
});

await server.register(async (api) => {
  // Bodies are read whole (up to bodyLimit, else 413) and passed on byte for byte.
  api.removeAllContentTypeParsers();
  // (As a stream: reply-from would JSON-encode a buffer again.)
  api.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, Readable.from([body])),
  );
  await api.register(fastifyHttpProxy, {
    upstream: apiUrl.origin,
    prefix: '/api',
    // The API's routes are /api/v1/…: the path goes on whole, under API_URL's own path if any.
    rewritePrefix: `${apiUrl.pathname.replace(/\/$/, '')}/api`,
    // Given, so that the plugin adds no stream parsers of its own (which would skip bodyLimit).
    preValidation: (_request, _reply, done) => done(),
    replyOptions: {
      rewriteRequestHeaders: headersForApi,
      rewriteHeaders: (headers) => withoutHopByHop(headers),
      onError: (reply) =>
        sendProblem(
          reply as unknown as FastifyReply,
          502,
          'The API does not answer',
          `The console server could not reach the API at ${apiUrl.origin}.`,
        ),
    },
  });
});

const address = await server.listen({ port, host: '0.0.0.0' });
console.log(`Console on ${address.replace('0.0.0.0', 'localhost')} (API at ${apiUrl.origin})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    setTimeout(() => process.exit(0), 2_000).unref();
    void server.close().then(() => process.exit(0));
  });
}
