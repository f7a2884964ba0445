import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { OutageLog } from '../common/outage-log';

const BATCH_SIZE = 500;
/** How long a stop waits for a pass in progress. */
const STOP_WAIT_MS = 2_000;

/** A job to add again, as Postgres describes it. */
export interface RequeuedJob {
  id: string;
  name: string;
  data: unknown;
  /** How the log names it. */
  label: string;
}

/**
 * Puts due work back into BullMQ from Postgres every `intervalMs`, for the queues whose work
 * Postgres tracks (emails, docs/design.md §6; webhook deliveries, §14): Postgres, not Redis, says
 * what is still to do. A job BullMQ no longer has (evicted, Redis flushed), or that it is done
 * with although Postgres still has it pending, is added again under its id; one delayed is
 * promoted; one waiting or running is left alone, so nothing runs twice at once.
 */
export abstract class RequeuePass implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly outage: OutageLog;
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;

  protected constructor(
    private readonly queue: Queue,
    private readonly intervalMs: number,
    what: string,
  ) {
    this.logger = new Logger(new.target.name);
    this.outage = new OutageLog(this.logger, `${what} re-enqueue`, { graceMs: 3_000 });
  }

  /** Up to `limit` pending items that are due, as the jobs to add for them. */
  protected abstract due(limit: number): Promise<RequeuedJob[]>;

  /** The options a job of this queue is added with (besides its id). */
  protected abstract readonly jobOptions: object;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.intervalMs);
  }

  /** Stops waking; a pass in progress stops after its current item, or is left after a while. */
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

  /** @returns how many jobs were added again or promoted */
  async requeueDue(): Promise<number> {
    // The queue's commands wait out a Redis outage; the pass would only hang until it is over.
    const redis = await this.queue.getBackend().connection.client;
    if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
    let requeued = 0;
    for (const due of await this.due(BATCH_SIZE)) {
      if (!this.timer) break;
      const job = await this.queue.getJob(due.id);
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
          await this.add(due);
          break;
        case 'unknown':
          await this.add(due);
          break;
        default:
          // waiting, active, prioritized: it will be tried anyway.
          continue;
      }
      requeued++;
      this.logger.log(`${due.label} enqueued again from Postgres (was ${state})`);
    }
    return requeued;
  }

  private async add(due: RequeuedJob): Promise<void> {
    await this.queue.add(due.name, due.data, { ...this.jobOptions, jobId: due.id });
  }
}
