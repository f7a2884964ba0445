import { InjectQueue, Processor } from '@nestjs/bullmq';
import { type JobPayloads, JobName, QueueName } from '@wallet/shared';
import { DelayedError, type Job, Queue } from 'bullmq';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { QueueProcessor } from '../queues/queue-processor';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { webhookRetryDelayMs } from './webhook-retry';
import { WebhookSender } from './webhook-sender';

type WebhookJob = Job<JobPayloads[JobName.WEBHOOK_DELIVERY], void, string>;

/**
 * Attempts this process makes to one endpoint at once. With the queue's concurrency (100) well
 * above it, a receiver that hangs for its full 10 s holds at most this many slots, and the other
 * endpoints' deliveries go on in the rest (docs/design.md §14). Attempts only wait on the network,
 * so a hundred at once cost the process little; the database is used between them, never during.
 */
export const PER_ENDPOINT_CONCURRENCY = 10;
/** How long a delivery waits (plus up to as much again) when its endpoint has its share running. */
const BUSY_ENDPOINT_WAIT_MS = 1_000;

/**
 * Delivers webhooks (docs/design.md §14): one attempt per run, recorded on the delivery's row in
 * Postgres, which says what is left to do. After a failed attempt the job is delayed, not failed,
 * to the next time of the schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), without using up
 * BullMQ's attempts; after the last one the delivery is failed, and only an admin's retry sends it
 * again. Should BullMQ lose the job, the re-enqueue pass adds it again from that row.
 */
@Processor(QueueName.WEBHOOK, { concurrency: 100 })
export class WebhookProcessor extends QueueProcessor {
  private readonly inFlight = new Map<string, number>();

  constructor(
    @InjectQueue(QueueName.WEBHOOK) queue: Queue,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly sender: WebhookSender,
    workerMetrics: WorkerMetrics,
  ) {
    super(queue, workerMetrics);
  }

  async process(job: WebhookJob, token?: string): Promise<void> {
    const { deliveryId: id, endpointId } = job.data;
    const busy = this.inFlight.get(endpointId) ?? 0;
    if (busy >= PER_ENDPOINT_CONCURRENCY) {
      // Not an attempt: the delivery waits its turn without counting one, and without a query.
      await job.moveToDelayed(Date.now() + BUSY_ENDPOINT_WAIT_MS * (1 + Math.random()), token);
      throw new DelayedError();
    }
    this.inFlight.set(endpointId, busy + 1);
    let delayMs: number | null;
    try {
      // Delivered or failed already, deleted, or its endpoint disabled (the re-enqueue pass brings
      // it back once the endpoint is enabled again).
      const delivery = await this.deliveries.load(id);
      if (!delivery) return;
      const attempt = await this.deliveries.beginAttempt(id);
      if (attempt === null) return;
      const outcome = await this.sender.send({
        id,
        url: delivery.url,
        body: JSON.stringify(delivery.payload),
        secrets: [delivery.secret, ...(delivery.previousSecret ? [delivery.previousSecret] : [])],
      });
      if (outcome.ok) {
        await this.deliveries.markSucceeded(id, outcome.status);
        return;
      }
      delayMs = webhookRetryDelayMs(attempt);
      await this.deliveries.markFailed(id, outcome.status, outcome.error, delayMs);
      const what = `webhook delivery ${id} to ${delivery.url} failed on attempt ${attempt}: ${outcome.error}`;
      if (delayMs === null) {
        this.logger.error(`${what}; that was the last scheduled attempt, the delivery has failed`);
        return;
      }
      this.logger.warn(`${what}; next attempt in ${delayMs} ms`);
    } finally {
      const left = (this.inFlight.get(endpointId) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(endpointId);
      else this.inFlight.set(endpointId, left);
    }
    await job.moveToDelayed(Date.now() + delayMs, token);
    throw new DelayedError();
  }
}
