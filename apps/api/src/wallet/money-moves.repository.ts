import { Injectable } from '@nestjs/common';
import { Database, pgErrorCode, sql, type Sql, UnitOfWork } from '@wallet/database';
import { Cents, ErrorCode, MoneyRuleCode, TransactionStatus, TransactionType } from '@wallet/shared';
import { NotFoundError, UnauthenticatedError } from '../common/errors/domain-error';
import type { IdempotencyScope } from '../idempotency/idempotent-answer';
import { ApiMetrics, type MoneyMoveKind } from '../metrics/api-metrics';
import { AdminAccountError } from './wallet.errors';

/** A ledger row as the move answered it (`transaction_answer` in SQL). */
export interface MovedRow {
  id: string;
  type: TransactionType;
  amount: Cents;
  status: TransactionStatus;
  failureReason: MoneyRuleCode | null;
  counterpartyName: string | null;
  balanceAfter: Cents;
  transferId: string | null;
  createdAt: string;
  /** Absent from answers stored before docs/design.md §13 and replayed now. */
  memo?: string | null;
  reversesId?: string | null;
  reversedById?: string | null;
}

/** Why a reversal was refused (docs/design.md §13); it wrote no ledger row, so names none. */
export type ReversalRefusalCode =
  ErrorCode.NOT_REVERSIBLE | ErrorCode.ALREADY_REVERSED | ErrorCode.INSUFFICIENT_FUNDS;

/**
 * What a money move's function returned (docs/design.md §3): it ran now or earlier (`replayed`), with the
 * stored answer, 201 with the caller's row or 422 with the rule it broke; or it did not run,
 * because the key is `in_use` by a request still running or was `reused` with another request.
 */
export type MoveResult =
  | { outcome: 'executed' | 'replayed'; status: 201; answer: MovedRow }
  | { outcome: 'executed' | 'replayed'; status: 422; answer: { code: MoneyRuleCode; transactionId: string } }
  | {
      outcome: 'executed' | 'replayed';
      status: 409 | 422;
      answer: { code: ReversalRefusalCode; transactionId?: undefined };
    }
  | { outcome: 'in_use' | 'reused'; status: null; answer: null };

type Uuid = string;
const WITHDRAW = sql<MoveResult, [Uuid, string, string, Cents, Cents, string]>(
  'money_withdraw',
  'SELECT outcome, status, answer FROM money_withdraw($1, $2, $3, $4, $5, $6)',
);
const TRANSFER = sql<MoveResult, [Uuid, string, string, string, Cents, Cents, string, string | null]>(
  'money_transfer_memo',
  'SELECT outcome, status, answer FROM money_transfer($1, $2, $3, $4, $5, $6, $7, $8)',
);
const DEPOSIT = sql<MoveResult, [Uuid, string, string, Uuid, Cents, string]>(
  'money_deposit',
  'SELECT outcome, status, answer FROM money_deposit($1, $2, $3, $4, $5, $6)',
);

const REVERSE = sql<MoveResult, [Uuid, string, string, Uuid, string]>(
  'money_reverse',
  'SELECT outcome, status, answer FROM money_reverse($1, $2, $3, $4, $5)',
);

/** SQLSTATEs the money functions raise when there is no wallet to move money on, or no caller. */
const NO_SUCH_USER = 'WL404';
const NO_WALLET = 'WL422';
const CALLER_INACTIVE = 'WL401';

/**
 * The money moves, each one call of its function (migration `MoneyMovesInOneRoundTrip`, where the
 * rules of docs/design.md §2 live): one round trip claims the key, locks the wallets, checks the rules,
 * writes the rows and stores the answer, in one transaction of its own. A deadlock or
 * serialization failure rolls all of it back and is retried (docs/design.md §2).
 */
@Injectable()
export class MoneyMovesRepository {
  constructor(
    private readonly database: Database,
    private readonly unitOfWork: UnitOfWork,
    private readonly metrics: ApiMetrics,
  ) {}

  withdraw(scope: IdempotencyScope, amount: Cents, dailyLimit: Cents, timezone: string): Promise<MoveResult> {
    return this.call('withdraw', WITHDRAW, [
      scope.userId,
      scope.key,
      scope.fingerprint,
      amount,
      dailyLimit,
      timezone,
    ]);
  }

  transfer(
    scope: IdempotencyScope,
    recipientEmail: string,
    amount: Cents,
    dailyLimit: Cents,
    timezone: string,
    memo: string | null,
  ): Promise<MoveResult> {
    return this.call('transfer', TRANSFER, [
      scope.userId,
      scope.key,
      scope.fingerprint,
      recipientEmail,
      amount,
      dailyLimit,
      timezone,
      memo,
    ]);
  }

  /**
   * An admin's reversal of one ledger row (docs/design.md §13); an unknown row is a 404.
   */
  reverse(scope: IdempotencyScope, transactionId: string, reason: string): Promise<MoveResult> {
    return this.call(
      'reversal',
      REVERSE,
      [scope.userId, scope.key, scope.fingerprint, transactionId, reason],
      'Transaction',
    );
  }

  /** `amountText` is the amount as the audit entry writes it. */
  deposit(scope: IdempotencyScope, userId: string, amount: Cents, amountText: string): Promise<MoveResult> {
    return this.call('deposit', DEPOSIT, [
      scope.userId,
      scope.key,
      scope.fingerprint,
      userId,
      amount,
      amountText,
    ]);
  }

  /**
   * Counts the result where it is known for certain: a move that ran (by its status), a replay of
   * an earlier answer, or a key in use or reused. A move that threw moved no money and counts nowhere.
   */
  private async call<Params extends readonly unknown[]>(
    kind: MoneyMoveKind,
    statement: Sql<MoveResult, Params>,
    params: Params,
    missing = 'User',
  ): Promise<MoveResult> {
    const result = await callMoneyFunction(this.database, this.unitOfWork, statement, params, missing);
    this.metrics.moneyMove(kind, result.outcome, result.status);
    return result;
  }
}

/**
 * One call of a function that claims an Idempotency-Key (a money move, or a four-eyes request,
 * docs/design.md §15), retried on conflict, its `WL…` SQLSTATEs mapped to `NotFoundError` (of
 * `missing`), `AdminAccountError` and `UnauthenticatedError`.
 */
export async function callMoneyFunction<Result, Params extends readonly unknown[]>(
  database: Database,
  unitOfWork: UnitOfWork,
  statement: Sql<Result, Params>,
  params: Params,
  missing = 'User',
): Promise<Result> {
  try {
    const [result] = await unitOfWork.retrying(() => database.rows(statement, params));
    return result;
  } catch (error) {
    switch (pgErrorCode(error)) {
      case NO_SUCH_USER:
        throw new NotFoundError(missing);
      case NO_WALLET:
        throw new AdminAccountError();
      case CALLER_INACTIVE:
        // Deactivated after the session check (docs/design.md §4): the session has ended.
        throw new UnauthenticatedError('This session has ended; sign in again.');
      default:
        throw error;
    }
  }
}
