import { JobName } from '@wallet/shared';
import { outboxJobId } from '@wallet/messaging';
import { randomUUID } from 'node:crypto';
import type { MailCatcher } from '@wallet/testing/mail-catcher';
import type { PrivateRedis } from '@wallet/testing/redis-server';
import type { TestApi } from '@wallet/testing/test-app';
import {
  insertOutbox,
  outboxMessage,
  query,
  type TestDatabase,
  type TestQueues,
  workerLogs,
} from '@wallet/testing/test-worker';
import { startWorkerHarness, type WorkerHarness } from '@wallet/testing/worker-harness';
import { sleep } from '@wallet/testing/wait';

const occurredAt = '2025-11-27T06:10:00.000Z';
const pendingQuery = 'SELECT queued_at IS NOT NULL AS queued FROM outbox WHERE id = ANY($1)';
const recipient = (label: string) => ({
  email: `${label}-${randomUUID().slice(0, 8)}@example.com`,
  name: label,
});

describe('outbox relay while Redis is down (docs/design.md §6)', () => {
  let harness: WorkerHarness;
  let database: TestDatabase;
  let redis: PrivateRedis;
  let mail: MailCatcher;
  let api: TestApi;
  let queues: TestQueues;

  beforeAll(async () => {
    harness = await startWorkerHarness({ label: 'redis-outage', privateRedis: true });
    ({ database, mail } = harness);
    redis = harness.redis!;
    api = await harness.startApi();
    queues = harness.queues;
  });

  afterAll(() => harness?.close());

  it('loses nothing written during the outage and sends each email once when Redis returns', async () => {
    const before = recipient('before');
    await insertOutbox(
      database.url,
      outboxMessage(JobName.ACCOUNT_UNFROZEN_EMAIL, { to: before, occurredAt }),
    );
    await mail.waitFor(before.email);

    await redis.stop();
    const during = [recipient('during-a'), recipient('during-b'), recipient('during-c')];
    const ids = [
      ...(await insertOutbox(
        database.url,
        outboxMessage(JobName.DEPOSIT_EMAIL, {
          to: during[0],
          amount: 4_200,
          balanceAfter: 4_200,
          transactionId: 'tx-a',
          occurredAt,
        }),
        outboxMessage(JobName.ACCOUNT_FROZEN_EMAIL, { to: during[1], reason: 'Review', occurredAt }),
      )),
      ...(await insertOutbox(
        database.url,
        outboxMessage(JobName.ACCOUNT_UNFROZEN_EMAIL, { to: during[2], occurredAt }),
      )),
    ];

    // The relay keeps trying for several seconds: the rows stay pending, nothing is sent.
    await sleep(4_000);
    const pending = await query<{ queued: boolean }>(database.url, pendingQuery, [ids]);
    expect(pending).toEqual(ids.map(() => ({ queued: false })));
    expect(during.flatMap((to) => mail.to(to.email))).toEqual([]);

    // Readiness says Redis is down, at once, and still answers.
    const started = Date.now();
    const ready = await api.http.get('/health/ready').expect(503);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(ready.body.checks.details).toEqual({
      postgres: { status: 'up' },
      redis: { status: 'down' },
      queues: { status: 'up' },
    });
    // The route is public: which dependency is down, never why (no addresses, no error text).
    expect(JSON.stringify(ready.body)).not.toMatch(/127\.0\.0\.1|ECONN|refused|timed out|:\d{4,5}\b/i);

    await redis.start();
    const [deposit] = await mail.waitFor(during[0].email, 1, 20_000);
    await mail.waitFor(during[1].email, 1, 20_000);
    await mail.waitFor(during[2].email, 1, 20_000);
    expect(deposit.text).toContain('$42.00 was deposited into your wallet.');

    await sleep(2_500);
    for (const to of [before, ...during]) expect(mail.to(to.email)).toHaveLength(1);
    const relayed = await query<{ queued: boolean }>(database.url, pendingQuery, [ids]);
    expect(relayed).toEqual(ids.map(() => ({ queued: true })));

    // The outage is one warning and one recovery line, not a line per poll.
    const relayLines = workerLogs.filter((line) => String(line.msg).startsWith('Redis (outbox relay)'));
    expect(relayLines.map((line) => line.msg)).toEqual([
      expect.stringMatching(/^Redis \(outbox relay\) unavailable \(.+\); retrying$/),
      expect.stringMatching(/^Redis \(outbox relay\) available again after \d+ s$/),
    ]);
    await api.http.get('/health/ready').expect(200);
  });

  it('sends each email once when a hung Redis took jobs it never confirmed', async () => {
    await mail.waitFor((await sendOne('warm-up')).email);
    // Connections stay open but nothing answers: the relay's adds time out and it rolls back,
    // while the commands wait in the socket and run when Redis wakes up. The rows are then
    // relayed again under the same job ids, which BullMQ ignores.
    redis.pause();
    let ids: number[];
    const during = [recipient('hung-a'), recipient('hung-b')];
    try {
      ids = await insertOutbox(
        database.url,
        ...during.map((to) => outboxMessage(JobName.ACCOUNT_UNFROZEN_EMAIL, { to, occurredAt })),
      );
      await sleep(6_500); // past the relay's 5 s enqueue timeout
      expect(await query<{ queued: boolean }>(database.url, pendingQuery, [ids])).toEqual(
        ids.map(() => ({ queued: false })),
      );
    } finally {
      redis.resume();
    }
    const resumedAt = Date.now();
    for (const to of during) await mail.waitFor(to.email, 1, 20_000);
    await sleep(2_500);
    for (const to of during) expect(mail.to(to.email)).toHaveLength(1);
    expect(await query<{ queued: boolean }>(database.url, pendingQuery, [ids])).toEqual(
      ids.map(() => ({ queued: true })),
    );
    // The jobs that exist are the ones added while Redis hung, not the later re-adds.
    for (const id of ids) {
      expect((await queues.email.getJob(outboxJobId(id)))?.timestamp).toBeLessThan(resumedAt);
    }
  });

  async function sendOne(label: string) {
    const to = recipient(label);
    await insertOutbox(database.url, outboxMessage(JobName.ACCOUNT_UNFROZEN_EMAIL, { to, occurredAt }));
    return to;
  }
});
