import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { messageOf } from '../common/outage-log';
import { CleanupRepository, type CleanupResult } from './cleanup.repository';

const CLEANUP_INTERVAL_MS = 60 * 60 * 1_000;

const RETENTION = {
  // docs/design.md §3.8 replays a stored response for at least 24 h; twice that leaves room for clients
  // retrying late and for clock skew between API instances and the database.
  idempotencyKeys: '48 hours',
  // A relayed row has done its work once its job exists; a week keeps it for investigations.
  // Completed jobs themselves are kept an hour (queue-options.ts), well within this.
  queuedOutboxRows: '7 days',
  // A sent email's row is kept as long as its outbox row; undelivered ones are never deleted.
  sentEmails: '7 days',
  // The delivery log admins read (docs/design.md §14): a month of delivered webhooks; pending and
  // failed ones are never deleted.
  webhookDeliveries: '30 days',
};

/**
 * Deletes expired idempotency keys, old relayed outbox rows, sent emails and delivered webhooks, at
 * start and then hourly. Runs
 * never overlap: within a process the next waits for the previous one, across processes an
 * advisory lock lets one worker clean while the others skip.
 */
@Injectable()
export class CleanupService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CleanupService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<CleanupResult | null> | null = null;

  constructor(private readonly repository: CleanupRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce(), CLEANUP_INTERVAL_MS);
    void this.runOnce();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * Cleans now, or joins the run in progress. Never throws: a failed run is logged and the next
   * one tries again.
   *
   * @returns what was deleted; `null` when another worker was cleaning or the run failed
   */
  runOnce(): Promise<CleanupResult | null> {
    this.running ??= this.clean().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async clean(): Promise<CleanupResult | null> {
    try {
      const result = await this.repository.deleteExpired(RETENTION);
      if (result && Object.values(result).some((deleted) => deleted > 0)) {
        this.logger.log(
          `deleted ${result.idempotencyKeys} expired idempotency keys, ${result.outboxRows} old outbox rows, ` +
            `${result.sentEmails} old sent emails and ${result.webhookDeliveries} old delivered webhooks`,
        );
      }
      return result;
    } catch (error) {
      this.logger.warn(`cleanup failed, will retry: ${messageOf(error)}`);
      return null;
    }
  }
}
