import { AppConfig, loggerOptions } from '@wallet/config';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import type { ApiMetrics } from '../../metrics/api-metrics';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** A caller's `X-Request-Id` when it is sane, else a new UUID: the correlation id of docs/design.md §5. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** `/health` and `/health/ready`, whatever query string a probe adds. */
export function isHealthProbe(request: IncomingMessage & { originalUrl?: string }): boolean {
  const path = (request.originalUrl ?? request.url ?? '').split('?')[0];
  return path === '/health' || path.startsWith('/health/');
}

/**
 * The logger's settings (nestjs-pino gives Nest's own logging to it). Its request middleware is
 * not mounted (see AppModule): a Fastify hook writes the request lines instead, see
 * {@link logRequests}.
 */
export function pinoHttpOptions(config: AppConfig): Options {
  return loggerOptions(config);
}

/**
 * One line per answered request, with method, URL, status and time, never headers or bodies (no
 * tokens, no passwords), under the request id Fastify assigned (see createApp), the id answers and
 * problem+json bodies carry. Probes call /health every few seconds; their answers say nothing
 * worth a line. Written from Fastify's own hook: pino-http as Nest middleware cost a fifth of a
 * cached read's time, even with the line not written.
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const logger = PinoLogger.root;
    if (!logger.isLevelEnabled('info') || isHealthProbe(request.raw)) return;
    logger.info(
      {
        request: { id: request.id, method: request.method, url: request.url },
        statusCode: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });
}

/**
 * Times every answered request into `http_request_duration_seconds`, from the same Fastify hook
 * as the request lines. The route is the pattern the router matched (`/api/v1/admin/users/:id`),
 * never the raw URL, whose ids would make a series per user; a request no route matched counts
 * as `unmatched`. Health probes are timed too: a slow readiness check is worth seeing.
 */
export function timeRequests(fastify: FastifyInstance, metrics: ApiMetrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
