import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

/**
 * Bumped whenever the shape of a cached value changes, so a deploy never reads values written
 * by the previous version (DESIGN §7).
 */
export const CACHE_FORMAT_VERSION = 2;

/** Where one cached value lives: a string key, or a field of a hash (a family invalidated together). */
export interface CacheSlot {
  /** The owner whose writes invalidate this value, e.g. a user id. */
  owner: string;
  /** What is cached, e.g. `wallet` or `history`. */
  kind: string;
  /** A hash field, for families of values such as history pages. */
  field?: string;
}

export interface CacheStats {
  hits: number;
  misses: number;
  errors: number;
}

// Stores the value only if the owner's version is still the one read before loading it, so a
// read that raced a write cannot put the old value back after the write's invalidation.
const SET_IF_CURRENT = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
if ARGV[4] == '' then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
else
  redis.call('HSET', KEYS[1], ARGV[4], ARGV[2])
  if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
end
return 1
`;

/**
 * Cache-aside over the shared Redis connection (DESIGN §7). Caching only ever speeds reads up:
 * when Redis fails or is slow (the client gives up after 250 ms), the value is loaded from
 * Postgres and a warning logged, and the cache is used again once Redis answers.
 */
@Injectable()
export class CacheService implements OnApplicationShutdown {
  private readonly logger = new Logger(CacheService.name);
  private lastWarning = 0;
  readonly stats: CacheStats = { hits: 0, misses: 0, errors: 0 };
  /**
   * Owners whose invalidation failed (Redis unreachable at the time), with the kinds to drop.
   * Until a retry succeeds, this instance reads them from Postgres, so a write it made is never
   * hidden behind a value cached before it.
   */
  private readonly pending = new Map<string, Set<string>>();
  private retryTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  get enabled(): boolean {
    return this.config.cacheTtlSeconds > 0;
  }

  /**
   * The cached value, or `load()`'s, which is then cached for CACHE_TTL_SECONDS or `maxAge(value)`
   * seconds, whichever is shorter.
   */
  async getOrLoad<T>(slot: CacheSlot, load: () => Promise<T>, maxAge?: (value: T) => number): Promise<T> {
    if (!this.enabled || this.pending.has(slot.owner)) return load();
    const key = this.keyOf(slot);
    const versionKey = this.versionKeyOf(slot.owner);
    let version: string;
    try {
      const pipeline = this.redis.pipeline();
      (slot.field ? pipeline.hget(key, slot.field) : pipeline.get(key)).get(versionKey);
      const [cached, current] = results<string | null>(await pipeline.exec());
      if (cached !== null) {
        this.stats.hits++;
        return JSON.parse(cached) as T;
      }
      version = current ?? '0';
    } catch (error) {
      this.failed(error);
      return load();
    }

    this.stats.misses++;
    const value = await load();
    const ttl = Math.max(1, Math.min(maxAge?.(value) ?? Infinity, this.config.cacheTtlSeconds));
    this.redis
      .eval(SET_IF_CURRENT, 2, key, versionKey, version, JSON.stringify(value), ttl, slot.field ?? '')
      .catch((error: unknown) => this.failed(error));
    return value;
  }

  /**
   * Drops every cached value of these owners and moves their versions on (see SET_IF_CURRENT).
   * If Redis cannot be reached it is retried in the background until it succeeds.
   */
  async invalidate(owners: string[], kinds: string[]): Promise<void> {
    if (!this.enabled || owners.length === 0) return;
    try {
      await this.drop(owners.map((owner) => [owner, kinds] as const));
    } catch (error) {
      this.failed(error);
      for (const owner of owners) {
        const pendingKinds = this.pending.get(owner) ?? new Set<string>();
        kinds.forEach((kind) => pendingKinds.add(kind));
        this.pending.set(owner, pendingKinds);
      }
      this.scheduleRetry();
    }
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retryTimer);
  }

  private async drop(entries: ReadonlyArray<readonly [string, Iterable<string>]>): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const [owner, kinds] of entries) {
      pipeline.incr(this.versionKeyOf(owner)).expire(this.versionKeyOf(owner), 86_400);
      pipeline.del(...[...kinds].map((kind) => this.keyOf({ owner, kind })));
    }
    results(await pipeline.exec());
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      const entries = [...this.pending].map(([owner, kinds]) => [owner, [...kinds]] as const);
      this.drop(entries).then(
        () => {
          for (const [owner, dropped] of entries) {
            const kinds = this.pending.get(owner);
            dropped.forEach((kind) => kinds?.delete(kind));
            if (kinds?.size === 0) this.pending.delete(owner);
          }
        },
        () => this.scheduleRetry(),
      );
    }, 500);
    this.retryTimer.unref();
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

/** A pipeline's replies, or the first error any command met. */
function results<T>(replies: Array<[Error | null, unknown]> | null): T[] {
  if (replies === null) throw new Error('pipeline was discarded');
  return replies.map(([error, reply]) => {
    if (error) throw error;
    return reply as T;
  });
}
