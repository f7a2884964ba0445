import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { isRetryableTransactionError } from '@wallet/database';
import { RecordedFailure } from '../errors/domain-error';

const AFTER_COMMIT = Symbol('afterCommit');
/** Deadlocks and serialization failures are retried this many times in all (DESIGN §2). */
const MAX_ATTEMPTS = 5;

type Outcome<T> = { ok: true; result: T } | { ok: false; failure: RecordedFailure };

/**
 * One database transaction per business operation, reached by repositories through the request
 * context (CONVENTIONS: a unit of work, not a parameter chain). A nested unit joins the
 * transaction already open (the idempotency interceptor's) instead of opening its own.
 *
 * Unlike a plain transaction, a {@link RecordedFailure} thrown by `work` does not roll back: the
 * FAILED row and audit entry written before it must persist (DESIGN §2). It is rethrown after the
 * transaction commits, whether or not this unit owns the transaction.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.txHost.isTransactionActive()) return unwrap(await this.inTransaction(work));
    // The unit that owns the transaction retries it whole after a deadlock or serialization
    // failure (DESIGN §2); its after-commit tasks start afresh each attempt.
    for (let attempt = 1; ; attempt++) {
      const afterCommit: Array<() => Promise<void>> = [];
      try {
        const outcome = await this.inTransaction(work, afterCommit);
        await this.runAfterCommit(afterCommit);
        return unwrap(outcome);
      } catch (error) {
        if (!isRetryableTransactionError(error) || attempt === MAX_ATTEMPTS) throw error;
        this.logger.warn(`transaction conflict, retrying (attempt ${attempt + 1} of ${MAX_ATTEMPTS})`);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  /** Runs `work` in the current transaction or a new one, holding a recorded failure as an outcome. */
  private inTransaction<T>(
    work: () => Promise<T>,
    afterCommit?: Array<() => Promise<void>>,
  ): Promise<Outcome<T>> {
    return this.txHost.withTransaction(async (): Promise<Outcome<T>> => {
      if (afterCommit) this.cls.set(AFTER_COMMIT, afterCommit);
      try {
        return { ok: true, result: await work() };
      } catch (error) {
        if (error instanceof RecordedFailure) return { ok: false, failure: error };
        throw error;
      }
    });
  }

  /**
   * Runs `task` once the current transaction has committed (at once when there is none); it is
   * dropped if the transaction rolls back. Cache invalidation uses this (DESIGN §7).
   */
  async afterCommit(task: () => Promise<void>): Promise<void> {
    const queue = this.txHost.isTransactionActive()
      ? this.cls.get<Array<() => Promise<void>> | undefined>(AFTER_COMMIT)
      : undefined;
    if (queue) queue.push(task);
    else await this.runAfterCommit([task]);
  }

  private async runAfterCommit(tasks: Array<() => Promise<void>>): Promise<void> {
    for (const task of tasks) {
      try {
        await task();
      } catch (error) {
        this.logger.warn(`after-commit task failed: ${(error as Error).message}`);
      }
    }
  }
}

/** The result, or the recorded failure thrown once its transaction has committed. */
function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw outcome.failure;
  return outcome.result;
}
