import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { RecordedFailure } from '../errors/domain-error';

const AFTER_COMMIT = Symbol('afterCommit');

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
    type Outcome = { ok: true; result: T } | { ok: false; failure: RecordedFailure };
    const outermost = !this.txHost.isTransactionActive();
    const afterCommit: Array<() => Promise<void>> = [];
    const outcome = await this.txHost.withTransaction(async (): Promise<Outcome> => {
      if (outermost) this.cls.set(AFTER_COMMIT, afterCommit);
      try {
        return { ok: true, result: await work() };
      } catch (error) {
        if (error instanceof RecordedFailure) return { ok: false, failure: error };
        throw error;
      }
    });
    if (outermost) await this.runAfterCommit(afterCommit);
    if (!outcome.ok) throw outcome.failure;
    return outcome.result;
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
