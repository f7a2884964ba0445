import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@wallet/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { requestIdFor } from './common/http/logging';
import { createValidationPipe } from './common/http/validation';
import { setUpSwaggerUi } from './openapi/openapi';

export const API_PREFIX = 'api/v1';

/** Body limit of DESIGN §5; larger bodies get 413. */
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
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, genReqId: requestIdFor });
  const fastify = adapter.getInstance();
  fastify.removeContentTypeParser('text/plain'); // the API speaks JSON only: anything else is a 415
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: !preview,
    preview,
    logger: preview ? false : undefined,
  });
  if (!preview) app.useLogger(app.get(Logger));
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
