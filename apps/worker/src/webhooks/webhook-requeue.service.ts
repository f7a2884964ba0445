import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@wallet/config';
import { JOB_OPTIONS, webhookJobId } from '@wallet/messaging';
import { JobName, QueueName } from '@wallet/shared';
import { Queue } from 'bullmq';
import { OutageLog } from '../common/outage-log';
import { type DueDelivery, WebhookDeliveryRepository } from './webhook-delivery.repository';

const BATCH_SIZE = 500;
/** How long a stop waits for a pass in progress. */
const STOP_WAIT_MS = 2_000;

/**
 * Puts due webhook deliveries back into BullMQ from Postgres (docs/design.md §14), every
 * `WEBHOOK_REQUEUE_INTERVAL_MS`, as the email re-enqueue does for mail (§6): Postgres, not Redis,
 * says what is still to deliver. A job BullMQ no longer has (evicted, Redis flushed), or that it
 * is done with although the row is pending (an admin's retry, an endpoint enabled again), is
 * added again under its id; one delayed is promoted; one waiting or running is left alone.
 */
@Injectable()
export class WebhookRequeueService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookRequeueService.name);
  private readonly outage = new OutageLog(this.logger, 'webhook re-enqueue', { graceMs: 3_000 });
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;

  constructor(
    @InjectQueue(QueueName.WEBHOOK) private readonly queue: Queue,
    private readonly deliveries: WebhookDeliveryRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.config.webhooks.requeueIntervalMs);
  }

  /** Stops waking; a pass in progress stops after its current delivery, or is left after a while. */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      this.pass,
      new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, STOP_WAIT_MS);
      }),
    ]);
    clearTimeout(timeout);
  }

  /** Starts a pass unless one is running (a pass can wait out a Redis outage). */
  wake(): void {
    if (this.pass || !this.timer) return;
    this.pass = this.requeueDue()
      .then(
        () => this.outage.succeeded(),
        (error: unknown) => this.outage.failed(error),
      )
      .finally(() => {
        this.pass = null;
      });
  }

  /** @returns how many deliveries were added again or promoted */
  async requeueDue(): Promise<number> {
    // The queue's commands wait out a Redis outage; the pass would only hang until it is over.
    const redis = await this.queue.getBackend().connection.client;
    if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
    let requeued = 0;
    for (const due of await this.deliveries.due(BATCH_SIZE)) {
      if (!this.timer) break;
      const jobId = webhookJobId(due.deliveryId);
      const job = await this.queue.getJob(jobId);
      const state = job ? await job.getState() : 'unknown';
      switch (state) {
        case 'delayed':
          await job!.promote();
          break;
        case 'completed':
        case 'failed':
          await job!.remove();
          await this.add(jobId, due);
          break;
        case 'unknown':
          await this.add(jobId, due);
          break;
        default:
          // waiting, active, prioritized: it will be tried anyway.
          continue;
      }
      requeued++;
      this.logger.log(`webhook delivery ${due.deliveryId} enqueued again from Postgres (was ${state})`);
    }
    return requeued;
  }

  private async add(jobId: string, due: DueDelivery): Promise<void> {
    await this.queue.add(JobName.WEBHOOK_DELIVERY, due, { ...JOB_OPTIONS[QueueName.WEBHOOK], jobId });
  }
}
