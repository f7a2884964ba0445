import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { messageOf, OutageLog } from '../common/outage-log';
import { OutboxJobProducer } from './outbox-job.producer';
import { type OutboxJob, OutboxRepository } from '@wallet/messaging';
import { WorkerMetrics } from '../metrics/worker-metrics';

const BATCH_SIZE = 500;
/**
 * How often an idle relay looks for new rows. A busy one goes on at once while it finds full
 * batches. Polling a partial index that is empty costs Postgres next to nothing, where a NOTIFY on
 * every outbox insert would serialise the API's commits.
 */
const POLL_INTERVAL_MS = 100;
/** Bounds how long a batch's rows stay locked when Redis stops answering mid-pass. */
const ENQUEUE_TIMEOUT_MS = 5_000;

/** The enqueue step failed: Redis, not Postgres, is the dependency to report. */
class EnqueueError extends Error {}

/**
 * The transactional outbox relay (docs/design.md §6): moves rows the API committed in its own transactions
 * into BullMQ, each exactly once. It polls every 100 ms; passes never overlap within a process,
 * and across processes `SKIP LOCKED` keeps them apart. While Redis is
 * down the rows simply stay pending and are relayed when it returns: nothing is lost, and a row is
 * stamped queued only in the transaction that added its job.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelayService.name);
  // The grace period keeps start-up (connections still being opened) out of the log.
  private readonly redisOutage = new OutageLog(this.logger, 'Redis (outbox relay)', { graceMs: 3_000 });
  private readonly databaseOutage = new OutageLog(this.logger, 'PostgreSQL (outbox relay)', {
    graceMs: 3_000,
  });
  private pollTimer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private passRequested = false;
  private stopped = false;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly producer: OutboxJobProducer,
    private readonly metrics: WorkerMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.pollTimer = setInterval(() => this.wake(), POLL_INTERVAL_MS);
    this.wake();
  }

  /** Stops waking, lets a pass in progress finish, then closes its connections. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.pass;
    await this.producer.close();
  }

  /** Starts a pass now, or right after the one in progress so rows it did not see are not left waiting. */
  wake(): void {
    if (this.stopped) return;
    if (this.pass) {
      this.passRequested = true;
      return;
    }
    this.pass = this.relayAll().finally(() => {
      this.pass = null;
      if (this.passRequested) {
        this.passRequested = false;
        this.wake();
      }
    });
  }

  /** Relays batch after batch until one comes back short. Never throws: failures are retried by the next pass. */
  private async relayAll(): Promise<void> {
    if (!this.producer.ready) {
      this.redisOutage.failed(new Error('not connected'));
      return;
    }
    try {
      let lags: number[];
      do {
        lags = await this.repository.relayPending(BATCH_SIZE, (jobs) => this.enqueue(jobs));
        // Observed once committed: a batch rolled back was not relayed, and is observed when it is.
        for (const lag of lags) this.metrics.relayLag.observe(lag);
      } while (lags.length === BATCH_SIZE && !this.stopped);
      this.redisOutage.succeeded();
      this.databaseOutage.succeeded();
    } catch (error) {
      if (error instanceof EnqueueError) {
        this.redisOutage.failed(error);
      } else {
        this.databaseOutage.failed(error);
      }
    }
  }

  private async enqueue(jobs: OutboxJob[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`adding ${jobs.length} jobs took over ${ENQUEUE_TIMEOUT_MS} ms`)),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.producer.enqueue(jobs), timeout]);
    } catch (error) {
      throw new EnqueueError(messageOf(error));
    } finally {
      clearTimeout(timer);
    }
  }
}
