import { AppConfig, LOG_REDACT_PATHS } from '@wallet/config';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** A caller's `X-Request-Id` when it is sane, else a new UUID: the correlation id of DESIGN §5. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** `/health` and `/health/ready`, whatever query string a probe adds. */
export function isHealthProbe(request: IncomingMessage & { originalUrl?: string }): boolean {
  const path = (request.originalUrl ?? request.url ?? '').split('?')[0];
  return path === '/health' || path.startsWith('/health/');
}

/** Request logs carry method, URL, status and time, never headers or bodies (no tokens, no passwords). */
export function pinoHttpOptions(config: AppConfig): Options {
  return {
    level: config.logLevel,
    redact: LOG_REDACT_PATHS,
    // Fastify assigned the id already (see createApp); reuse it so logs and answers agree.
    genReqId: (request) => (request as IncomingMessage & { id?: string }).id ?? requestIdFor(request),
    // Probes call /health every few seconds; their answers say nothing worth a log line. Behind
    // Fastify's middleware layer `url` is relative to the matched route, `originalUrl` is not.
    autoLogging: { ignore: (request) => isHealthProbe(request) },
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: request.url,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  };
}
