import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@wallet/config';
import { QueueName } from '@wallet/shared';
import { Queue } from 'bullmq';
import { OutageLog } from '../common/outage-log';
import { JOB_OPTIONS } from '@wallet/messaging';
import { EmailDeliveryRepository } from './email-delivery.repository';

const BATCH_SIZE = 500;
/** How long a stop waits for a pass in progress. */
const STOP_WAIT_MS = 2_000;

/**
 * Puts due undelivered emails back into BullMQ from Postgres (docs/design.md §6), every
 * `EMAIL_REQUEUE_INTERVAL_MS`. Postgres, not Redis, says what is still to send: a job BullMQ no
 * longer has (evicted, Redis flushed), or that failed there, is added again under its id; one
 * waiting, delayed past an admin's resend, is promoted. A job already waiting or running is left
 * alone, so an email is not sent twice.
 */
@Injectable()
export class EmailRequeueService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EmailRequeueService.name);
  private readonly outage = new OutageLog(this.logger, 'email re-enqueue', { graceMs: 3_000 });
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;

  constructor(
    @InjectQueue(QueueName.EMAIL) private readonly queue: Queue,
    private readonly deliveries: EmailDeliveryRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.config.emailRetry.requeueIntervalMs);
  }

  /** Stops waking; a pass in progress stops after its current email, or is left after a while. */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // A pass waiting out a Redis outage must not hold up the shutdown; what it had not done yet,
    // the next worker's pass does.
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

  /** @returns how many emails were added again or promoted */
  async requeueDue(): Promise<number> {
    // The queue's commands wait out a Redis outage; the pass would only hang until it is over.
    const redis = await this.queue.getBackend().connection.client;
    if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
    let requeued = 0;
    for (const email of await this.deliveries.due(BATCH_SIZE)) {
      if (!this.timer) break;
      const job = await this.queue.getJob(email.id);
      const state = job ? await job.getState() : 'unknown';
      switch (state) {
        case 'delayed':
          await job!.promote();
          break;
        case 'completed':
        case 'failed':
          // Pending in Postgres although BullMQ is done with it: given up on, or finished before
          // its row was marked. Its id must be free to add it again.
          await job!.remove();
          await this.add(email.id, email.kind, email.payload);
          break;
        case 'unknown':
          await this.add(email.id, email.kind, email.payload);
          break;
        default:
          // waiting, active, prioritized: it will be tried anyway.
          continue;
      }
      requeued++;
      this.logger.log(`email ${email.id} (${email.kind}) enqueued again from Postgres (was ${state})`);
    }
    return requeued;
  }

  private async add(id: string, kind: string, payload: unknown): Promise<void> {
    await this.queue.add(kind, payload, { ...JOB_OPTIONS[QueueName.EMAIL], jobId: id });
  }
}
