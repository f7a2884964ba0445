import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { isRetryableTransactionError } from '../pg-errors';

/** Deadlocks and serialization failures are retried this many times in all (docs/design.md §2). */
const MAX_ATTEMPTS = 5;

/**
 * One database transaction per business operation, reached by repositories through the request
 * context (CONVENTIONS: a unit of work, not a parameter chain). A nested unit joins the
 * transaction already open instead of opening its own; the outermost one retries it whole after a
 * deadlock or serialization failure.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.txHost.isTransactionActive()) return work();
    return this.retrying(() => this.txHost.withTransaction(work));
  }

  /**
   * Runs `work` in a read-only view of one instant: a REPEATABLE READ transaction, whose every
   * statement sees the same snapshot. A statement read in chunks (docs/design.md §13) then agrees
   * with its own opening and closing balances, whatever commits meanwhile. Nothing is written, so
   * there is nothing to retry.
   */
  snapshot<T>(work: () => Promise<T>): Promise<T> {
    return this.txHost.withTransaction({ isolationLevel: 'REPEATABLE READ' }, work);
  }

  /**
   * Runs `attempt` again after a deadlock or serialization failure, a bounded number of times
   * (docs/design.md §2): a transaction, or one statement that is a transaction of its own (a money move's
   * function call).
   */
  async retrying<T>(attempt: () => Promise<T>): Promise<T> {
    // Inside an open unit, a conflict has aborted the whole transaction: only the outermost unit
    // can retry, and does (a four-eyes approval runs its deposit inside its own unit, docs/design.md §15).
    if (this.txHost.isTransactionActive()) return attempt();
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!isRetryableTransactionError(error) || tries === MAX_ATTEMPTS) throw error;
        this.logger.warn(`transaction conflict, retrying (attempt ${tries + 1} of ${MAX_ATTEMPTS})`);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * tries));
      }
    }
  }
}
