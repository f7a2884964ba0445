import { JobName, QueueName } from '@wallet/shared';
import { randomUUID } from 'node:crypto';
import { expectLedgerHolds } from '@wallet/testing/db';
import { namesOf, scrape, type Sample, valueOf } from '@wallet/testing/metrics';
import { deposit, transfer } from '@wallet/testing/money';
import { freePort } from '@wallet/testing/ports';
import type { MailCatcher } from '@wallet/testing/mail-catcher';
import type { TestApi } from '@wallet/testing/test-app';
import { insertOutbox, outboxMessage, type TestDatabase } from '@wallet/testing/test-worker';
import { createAdmin, createUser } from '@wallet/testing/users';
import { startWorkerHarness, type WorkerHarness } from '@wallet/testing/worker-harness';
import { waitFor } from '@wallet/testing/wait';

describe('Prometheus metrics of the worker', () => {
  let harness: WorkerHarness;
  let database: TestDatabase;
  let mail: MailCatcher;
  let api: TestApi;
  let workerMetricsUrl: string;
  let apiMetricsUrl: string;

  beforeAll(async () => {
    const [workerPort, apiPort] = [await freePort(), await freePort()];
    harness = await startWorkerHarness({
      label: 'worker-metrics',
      mail: {
        rejectRecipient: (to) =>
          to.startsWith('bounce-') ? { code: 550, message: 'No such user here' } : undefined,
      },
      workerEnv: { WORKER_METRICS_PORT: String(workerPort) },
    });
    ({ database, mail } = harness);
    api = await harness.startApi({ METRICS_PORT: String(apiPort) });
    workerMetricsUrl = `http://127.0.0.1:${workerPort}/metrics`;
    apiMetricsUrl = `http://127.0.0.1:${apiPort}/metrics`;
  });

  afterEach(() => expectLedgerHolds(database.url));

  afterAll(() => harness?.close());

  it('counts the jobs, mails and relayed rows of money moved over HTTP, and a bounced mail', async () => {
    const admin = await createAdmin(api);
    const sender = await createUser(api, 'sender');
    const recipient = await createUser(api, 'recipient');
    await deposit(api, admin, sender.id, 2_500).expect(201);
    await transfer(api, sender, recipient.email, 1_050).expect(201);
    const bounce = `bounce-${randomUUID().slice(0, 8)}@example.com`;
    await insertOutbox(
      database.url,
      outboxMessage(JobName.DEPOSIT_EMAIL, {
        to: { email: bounce, name: 'Bo Bounce' },
        amount: 100,
        balanceAfter: 100,
        transactionId: randomUUID(),
        occurredAt: new Date().toISOString(),
      }),
    );
    await mail.waitFor(sender.email);
    await mail.waitFor(recipient.email);

    // Completion is counted just after the job's work is done: poll until every job has been.
    const expected = (samples: Sample[]) =>
      valueOf(samples, 'jobs_completed_total', { queue: QueueName.EMAIL }) === 2 &&
      valueOf(samples, 'jobs_completed_total', { queue: QueueName.TRANSACTION_LOG }) === 2 &&
      valueOf(samples, 'jobs_failed_total', { queue: QueueName.EMAIL, final: 'true' }) === 1;
    const samples = await waitFor(
      async () => {
        const scraped = await scrape(workerMetricsUrl);
        return expected(scraped) ? scraped : undefined;
      },
      { what: 'the jobs to be counted' },
    );

    expect(valueOf(samples, 'mail_send_duration_seconds_count', { outcome: 'sent' })).toBe(2);
    expect(valueOf(samples, 'mail_send_duration_seconds_count', { outcome: 'failed' })).toBe(1);
    expect(valueOf(samples, 'mail_send_duration_seconds_sum')).toBeGreaterThan(0);
    // The deposit's and the transfer's outbox rows, and the bounced mail's.
    expect(valueOf(samples, 'outbox_relay_lag_seconds_count')).toBe(3);
    expect(valueOf(samples, 'outbox_relay_lag_seconds_sum')).toBeGreaterThanOrEqual(0);
    const names = namesOf(samples);
    expect(names).toContain('process_resident_memory_bytes');
    expect(names).toContain('nodejs_eventloop_lag_seconds');
    // Each application its own registry, though both run in this process.
    expect(names).not.toContain('money_moves_total');
    const apiSamples = await scrape(apiMetricsUrl);
    expect(valueOf(apiSamples, 'money_moves_total', { type: 'transfer', status: 'SUCCESS' })).toBe(1);
    expect(namesOf(apiSamples)).not.toContain('jobs_completed_total');
    expect(valueOf(apiSamples, 'outbox_pending_rows')).toBe(0);
  });
});
