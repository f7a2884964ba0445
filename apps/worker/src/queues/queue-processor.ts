import { Logger, OnModuleDestroy } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { OutageLog } from '../common/outage-log';
import type { WorkerMetrics } from '../metrics/worker-metrics';

/**
 * What every processor of this worker does besides its job: report a Redis outage once rather than
 * on every reconnect attempt, say whether a failed job will be retried or has failed for good, and
 * on shutdown stop taking jobs while letting the one in progress finish.
 */
export abstract class QueueProcessor extends WorkerHost implements OnModuleDestroy {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly redisOutage = new OutageLog(this.logger, `Redis (${this.constructor.name})`);

  /**
   * @param queue the module's handle on the same queue (`BullModule.registerQueue`); its
   *   connection errors are reported with the worker's, and BullMQ prints them to stderr when a
   *   queue has no listener.
   * @param metrics where completed and failed jobs are counted, by queue
   */
  constructor(
    queue: Queue,
    private readonly metrics: WorkerMetrics,
  ) {
    super();
    queue.on('error', (error: Error) => this.redisOutage.failed(error));
    // Connected again: the outage is over even if no job has come along yet.
    queue.getBackend().on('ready', () => this.redisOutage.succeeded());
  }

  abstract override process(job: Job): Promise<unknown>;

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.redisOutage.failed(error);
  }

  @OnWorkerEvent('active')
  onJobActive(): void {
    this.redisOutage.succeeded();
  }

  @OnWorkerEvent('completed')
  onJobCompleted(job: Job): void {
    this.metrics.jobsCompleted.inc({ queue: job.queueName });
  }

  @OnWorkerEvent('failed')
  onJobFailed(job: Job | undefined, error: Error): void {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= attempts;
    this.metrics.jobsFailed.inc({ queue: job.queueName, final: String(final) });
    const what = `job ${job.id} (${job.name}) failed on attempt ${job.attemptsMade} of ${attempts}: ${error.message}`;
    if (final) this.logger.error(`${what}; giving up, the job stays in the failed set`);
    else this.logger.warn(`${what}; will retry`);
  }

  /**
   * Nest destroys a module before the modules it imports, so this runs before the mailer closes
   * its transport, and connections close later still (onApplicationShutdown).
   */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }
}
