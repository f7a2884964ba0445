// `npm run start:console` (DESIGN §9): serves the built console (dist/apps/console) on CONSOLE_PORT
// (3000) and proxies /api to API_URL (http://127.0.0.1:8000), so the browser talks to one origin.
// Node built-ins only. Unknown paths get index.html, for the console's own routes (/dashboard…).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname, join, normalize, sep } from 'node:path';

const root = new URL('../dist/apps/console/', import.meta.url).pathname;
const index = join(root, 'index.html');

/** CONSOLE_PORT and API_URL from the environment, else from a .env file in the working directory. */
function setting(name, fallback) {
  if (process.env[name]) return process.env[name];
  if (existsSync('.env')) {
    for (const line of readFileSync('.env', 'utf8').split('\n')) {
      const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (match?.[1] === name && match[2]) return match[2].replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return fallback;
}

const port = Number(setting('CONSOLE_PORT', '3000'));
let apiUrl;
try {
  apiUrl = new URL(setting('API_URL', 'http://127.0.0.1:8000'));
} catch {
  console.error(`API_URL must be a URL like http://127.0.0.1:8000, not "${setting('API_URL')}".`);
  process.exit(1);
}

if (!existsSync(index)) {
  console.error(`${index} is not built yet: run \`npm run build\` (or \`npm run build:console\`) first.`);
  process.exit(1);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`CONSOLE_PORT must be a port number, not "${setting('CONSOLE_PORT')}".`);
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

// The console loads nothing from elsewhere; Angular and Material set inline styles.
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
    "frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/**
 * Built files carry a content hash in their name and never change; index.html always may. The
 * hash is 8 letters, digits, `_` or `-` (`main-EUVSHQG5.js`, and since Angular 22 `chunk-C-jn9hJg.js`).
 */
const HASHED = /-[A-Za-z0-9_-]{8}\.(js|css)$/;

function sendFile(req, res, file, status = 200) {
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const cache = HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': cache });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

function serveStatic(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://console').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const file = normalize(join(root, path));
  if (file.startsWith(root) && !file.endsWith(sep)) {
    try {
      if (statSync(file).isFile()) return sendFile(req, res, file);
    } catch {
      // not a file: fall through
    }
  }
  // A file-like path that does not exist is a 404; anything else is a console route.
  if (extname(path) && path !== '/index.html') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  sendFile(req, res, index);
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function proxy(req, res) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
  headers.host = apiUrl.host;
  headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
    .filter(Boolean)
    .join(', ');
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  const send = apiUrl.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(
    {
      protocol: apiUrl.protocol,
      hostname: apiUrl.hostname,
      port: apiUrl.port,
      method: req.method,
      path: apiUrl.pathname.replace(/\/$/, '') + req.url,
      headers,
    },
    (answer) => {
      const out = {};
      for (const [name, value] of Object.entries(answer.headers))
        if (!HOP_BY_HOP.has(name)) out[name] = value;
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    // problem+json like the API's own errors, so the console can word it (DESIGN §5).
    res.writeHead(502, { 'Content-Type': 'application/problem+json' });
    res.end(
      JSON.stringify({
        type: 'about:blank',
        title: 'The API does not answer',
        status: 502,
        detail: `The console server could not reach the API at ${apiUrl.origin}.`,
      }),
    );
  });
  req.pipe(upstream);
}

const server = createServer((req, res) => {
  if (req.url === '/api' || req.url?.startsWith('/api/')) proxy(req, res);
  else serveStatic(req, res);
});

server.listen(port, '0.0.0.0', () => {
  const { port: actual } = server.address();
  console.log(`Console on http://localhost:${actual} (API at ${apiUrl.origin})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
