import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { CACHE_FORMAT_VERSION, CacheService } from '../src/cache/cache.service';
import { closeTestDb, expectLedgerHolds } from '@wallet/testing/db';
import { balanceOf, deposit, freeze, historyOf, transfer, unfreeze, withdraw } from '@wallet/testing/money';
import { PrivateRedis } from '@wallet/testing/redis-server';
import { TcpProxy } from '@wallet/testing/tcp-proxy';
import { startApi, TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser, TestUser } from '@wallet/testing/users';
import { sleep } from '@wallet/testing/wait';

/** Polls `condition` until it holds, for up to 5 s. */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await condition()) return;
    await sleep(100);
  }
  throw new Error('condition did not hold within 5 s');
}

describe('caching of balances and history (docs/design.md §7)', () => {
  let redis: PrivateRedis;
  let api: TestApi;
  let admin: TestUser;
  const prefix = 'cache-test:';

  const stats = () => ({ ...api.app.get(CacheService).stats });
  const wallet = async (user: TestUser) =>
    (await api.http.get('/api/v1/wallet').set(user.auth).expect(200)).body;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    api = await startApi({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, CACHE_TTL_SECONDS: '60' });
    admin = await createAdmin(api);
  });
  afterEach(() => expectLedgerHolds());
  afterAll(async () => {
    await api.close();
    await redis.stop();
    await closeTestDb();
  });

  it('serves a second read from the cache, as Redis itself shows', async () => {
    const user = await createUser(api);
    await deposit(api, admin, user.id, 4_200).expect(201);
    const before = stats();
    const first = await wallet(user);
    const second = await wallet(user);
    expect(second).toEqual(first);
    expect(stats().misses - before.misses).toBe(1);
    expect(stats().hits - before.hits).toBe(1);

    const client = new Redis(redis.url);
    try {
      const key = `${prefix}cache:v${CACHE_FORMAT_VERSION}:wallet:${user.id}`;
      const ttl = await client.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
      // What Redis holds is what the API answers: change it there and the API follows.
      await client.set(key, JSON.stringify({ ...first, balance: 123 }), 'KEEPTTL');
      expect((await wallet(user)).balance).toBe(123);
      await client.del(key);
      expect((await wallet(user)).balance).toBe(4_200);

      await historyOf(api, user);
      expect(await client.hkeys(`${prefix}cache:v${CACHE_FORMAT_VERSION}:history:${user.id}`)).toEqual([
        '1:20::',
      ]);
    } finally {
      client.disconnect();
    }
  });

  it('never stores a value that was read before a write invalidated it', async () => {
    const cache = api.app.get(CacheService);
    const owner = randomUUID();
    const slot = (version: number) => ({ owner, kind: 'wallet', version });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // A read misses and starts loading; a write commits (the wallet's version moves on) and a read
    // after it caches its value, all before the first read finishes.
    const slowRead = cache.getOrLoad(slot(1), ['wallet'], async () => {
      await gate;
      return { balance: 'before the write' };
    });
    await sleep(50);
    await cache.getOrLoad(slot(2), ['wallet'], async () => ({ balance: 'after the write' }));
    release();
    expect(await slowRead).toEqual({ balance: 'before the write' });
    await sleep(50);
    // Its result was not stored over the newer one: a read now gets what the write left.
    let loads = 0;
    const next = await cache.getOrLoad(slot(2), ['wallet'], async () => {
      loads++;
      return { balance: 'loaded again' };
    });
    expect([next, loads]).toEqual([{ balance: 'after the write' }, 0]);
  });

  it('shows every kind of write at once, to both parties, again and again', async () => {
    const ada = await createUser(api, 'ada');
    const grace = await createUser(api, 'grace');
    let adaBalance = 0;
    let graceBalance = 0;
    const expectBoth = async () => {
      // Read twice, so the second read is the cached one.
      for (let read = 0; read < 2; read++) {
        expect([(await wallet(ada)).balance, (await wallet(grace)).balance]).toEqual([
          adaBalance,
          graceBalance,
        ]);
        expect((await historyOf(api, ada)).items[0]?.balanceAfter ?? 0).toBe(adaBalance);
        expect((await historyOf(api, grace)).items[0]?.balanceAfter ?? 0).toBe(graceBalance);
      }
    };

    for (let round = 1; round <= 3; round++) {
      await expectBoth();
      await deposit(api, admin, ada.id, 1_000 * round).expect(201);
      adaBalance += 1_000 * round;
      await expectBoth();
      await withdraw(api, ada, 100).expect(201);
      adaBalance -= 100;
      await expectBoth();
      await transfer(api, ada, grace.email, 250).expect(201);
      adaBalance -= 250;
      graceBalance += 250;
      await expectBoth();
      await transfer(api, grace, ada.email, 50).expect(201);
      graceBalance -= 50;
      adaBalance += 50;
      await expectBoth();
      // A refused move adds a FAILED row to the history.
      await withdraw(api, grace, 1_000_000).expect(422);
      expect((await historyOf(api, grace)).items[0]).toMatchObject({ status: 'FAILED' });
      await freeze(api, admin, grace.id).expect(200);
      expect((await wallet(grace)).frozen).toBe(true);
      expect((await wallet(grace)).frozen).toBe(true);
      await unfreeze(api, admin, grace.id).expect(200);
      expect((await wallet(grace)).frozen).toBe(false);
    }
    expect((await wallet(ada)).limits.withdraw.used).toBe(300);
  });

  it('answers correctly with Redis down, and uses the cache again once it is back', async () => {
    const user = await createUser(api);
    const other = await createUser(api);
    await deposit(api, admin, user.id, 10_000).expect(201);
    await wallet(user);

    await redis.stop();
    try {
      const errorsBefore = stats().errors;
      expect(await balanceOf(api, user)).toBe(10_000);
      await withdraw(api, user, 1_000).expect(201);
      await transfer(api, user, other.email, 500).expect(201);
      expect(await balanceOf(api, user)).toBe(8_500);
      expect(await balanceOf(api, other)).toBe(500);
      expect((await historyOf(api, user)).items.map((row) => row.type)).toEqual([
        'transfer_out',
        'withdraw',
        'deposit',
      ]);
      expect(stats().errors).toBeGreaterThan(errorsBefore);
    } finally {
      await redis.start();
    }

    // The client reconnects by itself; no restart of the API.
    await eventually(async () => {
      const before = stats().hits;
      await wallet(user);
      return stats().hits > before;
    });
    expect(await balanceOf(api, user)).toBe(8_500);
  });

  it('does not wait for a hung Redis', async () => {
    const user = await createUser(api);
    await deposit(api, admin, user.id, 777).expect(201);
    await wallet(user);
    await wallet(user); // cached: 777
    redis.pause();
    try {
      // Redis answers nothing until resumed, so these can only complete from Postgres.
      expect(await balanceOf(api, user)).toBe(777);
      await withdraw(api, user, 77).expect(201);
      expect(await balanceOf(api, user)).toBe(700);
    } finally {
      redis.resume();
    }
    expect(await balanceOf(api, user)).toBe(700);
  });

  it('never lets another instance serve a value cached before a write made by an instance cut off from Redis', async () => {
    const proxy = await TcpProxy.start(redis.port);
    // Both instances cache in the same Redis; only the first one's link to it goes through the proxy.
    const cutOff = await startApi({ REDIS_URL: `redis://127.0.0.1:${proxy.port}`, REDIS_KEY_PREFIX: prefix });
    try {
      const user = await createUser(api);
      await deposit(api, admin, user.id, 2_000).expect(201);
      expect(await balanceOf(api, user)).toBe(2_000);
      expect(await balanceOf(api, user)).toBe(2_000); // cached in Redis by the other instance
      await proxy.cut();
      await withdraw(cutOff, user, 500).expect(201); // nothing of this write reaches Redis
      for (let read = 0; read < 10; read++) expect(await balanceOf(api, user)).toBe(1_500);
      await proxy.restore();
    } finally {
      await cutOff.close();
      await proxy.cut();
    }
  });

  it('never serves a value cached before a write whose invalidation could not reach Redis', async () => {
    // Redis keeps running with its data; only the API's link to it is cut, then restored.
    const proxy = await TcpProxy.start(redis.port);
    const partitioned = await startApi({
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
      REDIS_KEY_PREFIX: prefix,
    });
    const partitionedStats = () => ({ ...partitioned.app.get(CacheService).stats });
    try {
      const user = await createUser(partitioned);
      await deposit(partitioned, admin, user.id, 900).expect(201);
      expect(await balanceOf(partitioned, user)).toBe(900);
      expect(await balanceOf(partitioned, user)).toBe(900); // now cached in Redis
      await proxy.cut();
      await withdraw(partitioned, user, 100).expect(201); // its invalidation fails
      await proxy.restore();
      // The stale 900 is still in Redis, yet never answered; the retried invalidation drops it.
      for (let read = 0; read < 10; read++) expect(await balanceOf(partitioned, user)).toBe(800);
      await eventually(async () => {
        const before = partitionedStats().hits;
        expect(await balanceOf(partitioned, user)).toBe(800);
        return partitionedStats().hits > before;
      });
    } finally {
      await partitioned.close();
      await proxy.cut();
    }
  });
});
