import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { RecordedFailure } from '../errors/domain-error';

/**
 * One database transaction per business operation, reached by repositories through the request
 * context (CONVENTIONS: a unit of work, not a parameter chain). It joins the caller's
 * transaction when there is one (the idempotency interceptor's), else opens its own.
 *
 * Unlike a plain transaction, a {@link RecordedFailure} thrown by `work` does not roll back: the
 * FAILED row and audit entry written before it must persist (DESIGN §2). It is rethrown after the
 * transaction callback returns, so it commits whether or not this unit owns the transaction.
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    type Outcome = { ok: true; result: T } | { ok: false; failure: RecordedFailure };
    const outcome = await this.txHost.withTransaction(async (): Promise<Outcome> => {
      try {
        return { ok: true, result: await work() };
      } catch (error) {
        if (error instanceof RecordedFailure) return { ok: false, failure: error };
        throw error;
      }
    });
    if (!outcome.ok) throw outcome.failure;
    return outcome.result;
  }
}
