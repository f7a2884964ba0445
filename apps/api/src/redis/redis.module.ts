import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');
export const InjectRedis = (): ParameterDecorator => Inject(REDIS);

/**
 * One shared connection. Redis only ever speeds things up or counts (cache, rate limits), so a
 * command fails fast while it is unreachable instead of queueing, and the client reconnects by
 * itself when it comes back (docs/design.md §7).
 */
export function createRedisClient(url: string, keyPrefix: string, logger: Logger): Redis {
  const client = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    commandTimeout: 250,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    // Commands issued in the same turn of the event loop (by concurrent requests) share one write.
    enableAutoPipelining: true,
  });
  let lastWarning = 0;
  client.on('error', (error: Error) => {
    if (Date.now() - lastWarning > 10_000) {
      lastWarning = Date.now();
      logger.warn(`Redis unavailable: ${error.message}`);
    }
  });
  client.connect().catch(() => undefined); // retried by retryStrategy; errors are logged above
  return client;
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createRedisClient(config.redisUrl, config.redisKeyPrefix, new Logger('Redis')),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
