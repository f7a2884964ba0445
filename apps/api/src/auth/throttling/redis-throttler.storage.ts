import { Injectable, Logger } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { InjectRedis } from '../../redis/redis.module';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

// Counts a hit in a fixed window and, once over the limit, blocks for `blockDuration`.
// One script, so the count and the block are consistent across API instances.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked < 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return {hits, ttl, blocked}
`;

/**
 * Rate limits shared by every API instance (docs/design.md §4). While Redis cannot be reached (or does not
 * answer within its 250 ms), each instance counts on its own, in memory: the limits still hold,
 * per instance, so an outage is no window for unlimited password guessing.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  /** @nestjs/throttler's own in-memory storage (its sweep timer does not keep the process up). */
  private readonly local = new ThrottlerStorageService();
  private lastWarning = 0;

  constructor(@InjectRedis() private readonly redis: Redis) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const hitsKey = `throttle:${throttlerName}:${key}`;
    try {
      const [totalHits, timeToExpire, blockedFor] = (await this.redis.eval(
        INCREMENT,
        2,
        hitsKey,
        `${hitsKey}:blocked`,
        ttl,
        limit,
        blockDuration,
      )) as [number, number, number];
      return {
        totalHits,
        timeToExpire: Math.ceil(Math.max(timeToExpire, 0) / 1000),
        isBlocked: blockedFor > 0,
        timeToBlockExpire: Math.ceil(Math.max(blockedFor, 0) / 1000),
      };
    } catch (error) {
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.logger.warn(
          `rate limits counted by this instance alone, Redis failed: ${(error as Error).message}`,
        );
      }
      return this.local.increment(hitsKey, ttl, limit, blockDuration, throttlerName);
    }
  }
}
