import { Injectable } from '@nestjs/common';
import { RecordedFailure } from '../common/errors/domain-error';
import { Problem, problemFor } from '../common/errors/problem';
import { UnitOfWork } from '../common/transactions/unit-of-work';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from './idempotency.errors';
import { IdempotencyRepository, IdempotencyScope } from './idempotency.repository';

export type IdempotentOutcome =
  | { kind: 'executed'; body: unknown }
  | { kind: 'refused'; failure: RecordedFailure }
  | { kind: 'replayed'; status: number; body: unknown };

@Injectable()
export class IdempotencyService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly keys: IdempotencyRepository,
  ) {}

  /**
   * Runs `execute` at most once per (user, key) (DESIGN §3). The key is claimed, the work done and
   * the answer stored in one transaction; `execute` joins it through the request context.
   */
  run(scope: IdempotencyScope, status: number, execute: () => Promise<unknown>): Promise<IdempotentOutcome> {
    return this.unitOfWork.run(() => this.runOnce(scope, status, execute));
  }

  private async runOnce(scope: IdempotencyScope, status: number, execute: () => Promise<unknown>) {
    const claim = await this.keys.claim(scope);
    if (claim === 'busy') throw new IdempotencyKeyInUseError();
    if (claim === 'taken') return this.replay(scope);

    try {
      const body = await execute();
      await this.keys.complete(scope, status, body);
      return { kind: 'executed', body } as const;
    } catch (error) {
      // Anything else rolls back: no claim, no money moved, nothing stored (DESIGN §3.7).
      if (!(error instanceof RecordedFailure)) throw error;
      const problem: Problem = problemFor(error.code, error.detail, error.extra);
      await this.keys.complete(scope, problem.status, problem);
      return { kind: 'refused', failure: error } as const;
    }
  }

  private async replay(scope: IdempotencyScope): Promise<IdempotentOutcome> {
    const stored = await this.keys.find(scope);
    if (stored.fingerprint !== scope.fingerprint) throw new IdempotencyKeyReusedError();
    return { kind: 'replayed', status: stored.status, body: stored.body };
  }
}
