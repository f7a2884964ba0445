import { HttpStatus } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@wallet/config';
import { ErrorCode } from '@wallet/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { PROBLEM_CONTENT_TYPE, problemFor } from './common/errors/problem';
import { refuseUnfitInput } from './common/http/json-body';
import { logRequests, requestIdFor, timeRequests } from './common/http/logging';
import { requireProxySecret, trustProxyFunction } from './common/http/trusted-proxy';
import { ApiMetrics } from './metrics/api-metrics';
import { createValidationPipe } from './common/http/validation';
import { setUpSwaggerUi } from './openapi/openapi';

export const API_PREFIX = 'api/v1';

/** Body limit of docs/design.md §5; larger bodies get 413. */
const BODY_LIMIT_BYTES = 100 * 1024;

/**
 * Builds the HTTP application exactly as it runs: used by `main.ts`, the e2e tests and the
 * OpenAPI generator, so all three see the same routes, pipes and filters. In `preview` mode no
 * provider is instantiated: nothing connects to Postgres or Redis (the OpenAPI generator).
 */
export async function createApp(
  config: AppConfig,
  { preview = false }: { preview?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Whose X-Forwarded-For gives the client address the sign-in rate limits count per IP (with
    // TRUST_PROXY_SECRET, only on requests that carry it: requireProxySecret below).
    trustProxy: trustProxyFunction(config.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    // No Nest middleware runs here (request lines come from a Fastify hook, see logRequests), so
    // Fastify's Express-middleware layer, which every request would pass through, is not added.
    skipMiddie: true,
    genReqId: requestIdFor,
    // While shutting down, a request that still arrives on an open keep-alive connection is served
    // (its answer closes the connection, see below) rather than given Fastify's plain-JSON 503,
    // which is not problem+json; new connections are refused once the server stops listening.
    return503OnClosing: false,
    // The router refuses a malformed URL (`%zz`) or a path parameter over 100 characters before any
    // of Nest runs, so those answers would bypass the problem filter and echo the URL back in
    // Fastify's own JSON. Both are a bad request: answer problem+json (docs/design.md §5).
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      if (error.code !== 'FST_ERR_BAD_URL' && error.code !== 'FST_ERR_MAX_PARAM_LENGTH') {
        return void reply.send(error);
      }
      void reply
        .status(HttpStatus.BAD_REQUEST)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(
          problemFor(ErrorCode.VALIDATION_FAILED, 'The URL is malformed or a path parameter is too long.'),
        );
    },
  });
  const fastify = adapter.getInstance();
  requireProxySecret(fastify, config.trustProxySecret); // before any hook that might read request.ip
  fastify.removeContentTypeParser('text/plain'); // the API speaks JSON only: anything else is a 415
  refuseUnfitInput(fastify);
  logRequests(fastify);
  // Graceful shutdown: server.close() only drops connections that are idle at that moment, and
  // waits for the others. A keep-alive connection whose request was in flight would then stay
  // open after its answer until the 72 s keep-alive timeout, and the process would not exit.
  // Once closing has begun, every answer says `Connection: close`, so clients let go at once.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: !preview,
    preview,
    logger: preview ? false : undefined,
  });
  if (!preview) {
    app.useLogger(app.get(Logger));
    timeRequests(fastify, app.get(ApiMetrics));
  }
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({
    origin: config.corsOrigins,
    exposedHeaders: ['Idempotency-Replayed', 'Retry-After', 'X-Request-Id'],
  });
  app.enableShutdownHooks();
  setUpSwaggerUi(app);
  return app;
}
