import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import type Redis from 'ioredis';
import { ApiMetrics } from '../metrics/api-metrics';
import { REDIS } from '../redis/redis.module';

/**
 * Bumped whenever the shape or the meaning of a cached value changes, so a deploy never reads
 * values written by the previous version (docs/design.md §7).
 */
export const CACHE_FORMAT_VERSION = 4;

/** Where one cached value lives: a string key, or a field of a hash (a family such as history pages). */
export interface CacheSlot {
  /** Whose data it is, e.g. a user id. */
  owner: string;
  /** What is cached, e.g. `wallet` or `history`. */
  kind: string;
  /** A hash field, for families of values. */
  field?: string;
  /**
   * The version of the owner's data in Postgres now (a wallet's `version`, which every write
   * moves in its own transaction). A value is served only if it was stored for this version.
   */
  version: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  errors: number;
}

// Stores a value for its owner's version. A newer version drops every value of the owner first
// (its `kinds`, KEYS[3..]); an older one is refused, so a read that raced a write never puts the
// old value back.
const STORE = `
local stored = tonumber(redis.call('GET', KEYS[2]) or '-1')
local version = tonumber(ARGV[1])
if version < stored then return 0 end
if version > stored then
  if #KEYS > 2 then redis.call('DEL', unpack(KEYS, 3)) end
  redis.call('SET', KEYS[2], ARGV[1], 'EX', 86400)
end
if ARGV[4] == '' then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
else
  redis.call('HSET', KEYS[1], ARGV[4], ARGV[2])
  if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
end
return 1
`;

/**
 * Cache-aside over the shared Redis connection (docs/design.md §7). Values are validated, not
 * invalidated: each one carries the version of its owner's data it was read at, and is served
 * only while Postgres still has that version (the caller reads it in the same round trip that
 * checks the session). So a write needs no Redis command to become visible, and an instance that
 * cannot reach Redis when it writes cannot leave a stale value behind for the others.
 *
 * Caching only ever speeds reads up: when Redis fails or is slow (the client gives up after
 * 250 ms), the value is loaded from Postgres and a warning logged.
 */
@Injectable()
export class CacheService {
  private readonly logger = new Logger(CacheService.name);
  private lastWarning = 0;
  readonly stats: CacheStats = { hits: 0, misses: 0, errors: 0 };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: ApiMetrics,
  ) {}

  get enabled(): boolean {
    return this.config.cacheTtlSeconds > 0;
  }

  /**
   * The cached value, or `load()`'s, which is then cached for CACHE_TTL_SECONDS or `maxAge(value)`
   * seconds, whichever is shorter. `kinds` are all the kinds of value the owner has, dropped
   * together when a newer version is stored.
   */
  async getOrLoad<T>(
    slot: CacheSlot,
    kinds: readonly string[],
    load: () => Promise<T>,
    maxAge?: (value: T) => number,
  ): Promise<T> {
    if (!this.enabled) return load();
    const key = this.keyOf(slot);
    const versionKey = this.versionKeyOf(slot.owner);
    try {
      // Auto-pipelined (see RedisModule): the reads of requests served in the same turn of the
      // event loop go to Redis together.
      const [cached, version] = slot.field
        ? await Promise.all([this.redis.hget(key, slot.field), this.redis.get(versionKey)])
        : await this.redis.mget(key, versionKey);
      if (cached !== null && version === String(slot.version)) {
        this.stats.hits++;
        this.metrics.cacheHits.inc({ kind: slot.kind });
        return JSON.parse(cached) as T;
      }
    } catch (error) {
      this.failed(error);
      return load();
    }

    this.stats.misses++;
    this.metrics.cacheMisses.inc({ kind: slot.kind });
    const value = await load();
    const ttl = Math.max(1, Math.min(maxAge?.(value) ?? Infinity, this.config.cacheTtlSeconds));
    const siblings = kinds.map((kind) => this.keyOf({ owner: slot.owner, kind }));
    this.redis
      .eval(
        STORE,
        2 + siblings.length,
        key,
        versionKey,
        ...siblings,
        slot.version,
        JSON.stringify(value),
        ttl,
        slot.field ?? '',
      )
      .catch((error: unknown) => this.failed(error));
    return value;
  }

  private keyOf(slot: Pick<CacheSlot, 'owner' | 'kind'>): string {
    return `cache:v${CACHE_FORMAT_VERSION}:${slot.kind}:${slot.owner}`;
  }

  private versionKeyOf(owner: string): string {
    return `cache:v${CACHE_FORMAT_VERSION}:version:${owner}`;
  }

  private failed(error: unknown): void {
    this.stats.errors++;
    if (Date.now() - this.lastWarning > 10_000) {
      this.lastWarning = Date.now();
      this.logger.warn(`cache unavailable, reading from Postgres: ${(error as Error).message}`);
    }
  }
}
