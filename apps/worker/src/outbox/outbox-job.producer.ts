import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@wallet/config';
import { JOB_OPTIONS, type OutboxJob, QueueClient, redisRetryDelayMs } from '@wallet/messaging';
import { JOB_QUEUE, QueueName } from '@wallet/shared';

/**
 * Adds outbox rows to their BullMQ queues, on a client that fails fast while Redis is unreachable,
 * so that the relay, which adds jobs inside an open database transaction, rolls back at once and
 * retries on its next pass instead of holding the rows locked until Redis returns.
 */
@Injectable()
export class OutboxJobProducer {
  private readonly client: QueueClient;

  constructor(@InjectConfig() config: AppConfig) {
    this.client = new QueueClient(config, 'wallet-worker-relay', {
      maxRetriesPerRequest: 1,
      connectTimeoutMs: 2_000,
      commandTimeoutMs: 5_000,
      retryDelayMs: redisRetryDelayMs,
    });
  }

  /** Whether Redis answers now; the relay does not open a transaction when it does not. */
  get ready(): boolean {
    return this.client.ready;
  }

  /** Adds the jobs under their ids, derived from their outbox rows', so adding one again is a no-op. */
  async enqueue(jobs: OutboxJob[]): Promise<void> {
    const byQueue = new Map<QueueName, OutboxJob[]>();
    for (const job of jobs) {
      const queueName = JOB_QUEUE[job.name];
      byQueue.set(queueName, [...(byQueue.get(queueName) ?? []), job]);
    }
    await Promise.all(
      [...byQueue].map(([queueName, queueJobs]) =>
        this.client.queue(queueName).addBulk(
          queueJobs.map((job) => ({
            name: job.name,
            data: job.data,
            opts: { ...JOB_OPTIONS[queueName], jobId: job.id },
          })),
        ),
      ),
    );
  }

  /** Called by the relay once it has stopped, so no pass is still adding jobs. */
  close(): Promise<void> {
    return this.client.close();
  }
}
