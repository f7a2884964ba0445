import { Injectable } from '@nestjs/common';
import { Database, dynamicSql, type PageRequest, type RowsPage, sql, UnitOfWork } from '@wallet/database';
import { ApprovalKind, ApprovalStatus, Cents } from '@wallet/shared';
import type { IdempotencyScope } from '../idempotency/idempotent-answer';
import { callMoneyFunction, type MoveResult } from '../wallet/money-moves.repository';

/** A four-eyes request with the names of the admins and of the user concerned (docs/design.md §15). */
export interface ApprovalRequestRow {
  id: string;
  kind: ApprovalKind;
  status: ApprovalStatus;
  requestedBy: string;
  requestedByName: string;
  targetUserId: string;
  targetUserName: string;
  targetTransactionId: string | null;
  amount: Cents;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  reason: string | null;
  transactionId: string | null;
  /** The reason given with a reversal's request, which the reversal carries when it runs. */
  requestReason: string | null;
  createdAt: Date;
}

/** The same row as the request function stores it in its idempotent answer (JSON: dates are strings). */
export type ApprovalRequestJson = Omit<ApprovalRequestRow, 'decidedAt' | 'createdAt'> & {
  decidedAt: string | null;
  createdAt: string;
};

/** What the request function answered: 202 with the request, or an answer stored earlier under the same key. */
export type RequestResult =
  MoveResult | { outcome: 'executed' | 'replayed'; status: 202; answer: ApprovalRequestJson };

const COLUMNS = `a.id, a.kind, a.status, a.requested_by AS "requestedBy", requester.name AS "requestedByName",
  a.target_user_id AS "targetUserId", target.name AS "targetUserName",
  a.target_transaction_id AS "targetTransactionId", a.amount, a.decided_by AS "decidedBy",
  decider.name AS "decidedByName", a.decided_at AS "decidedAt", a.reason, a.transaction_id AS "transactionId",
  a.payload->>'reason' AS "requestReason", a.created_at AS "createdAt"`;
const FROM = `approval_requests a
  JOIN users requester ON requester.id = a.requested_by
  JOIN users target ON target.id = a.target_user_id
  LEFT JOIN users decider ON decider.id = a.decided_by`;

const FIND = sql<ApprovalRequestRow, [id: string]>(
  'approval_request_find',
  `SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1`,
);

// Deciders of one request queue on its row: the second reads it decided.
const LOCK = sql<ApprovalRequestRow, [id: string]>(
  'approval_request_lock',
  `SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1 FOR UPDATE OF a`,
);

// Decided once: only a pending request leaves 'pending', whoever else tries at the same moment.
const DECIDE = sql<
  { id: string },
  [id: string, status: ApprovalStatus, decidedBy: string, reason: string | null, transactionId: string | null]
>(
  'approval_request_decide',
  `UPDATE approval_requests SET status = $2, decided_by = $3, decided_at = now(), reason = $4, transaction_id = $5
   WHERE id = $1 AND status = 'pending'
   RETURNING id`,
);

const REQUEST_DEPOSIT = sql<RequestResult, [string, string, string, string, Cents, string]>(
  'approval_request_deposit',
  'SELECT outcome, status, answer FROM approval_request_deposit($1, $2, $3, $4, $5, $6)',
);

const REQUEST_REVERSAL = sql<RequestResult, [string, string, string, string, string, string]>(
  'approval_request_reversal',
  'SELECT outcome, status, answer FROM approval_request_reversal($1, $2, $3, $4, $5, $6)',
);

const TRANSACTION_AMOUNT = sql<{ amount: Cents }, [transactionId: string]>(
  'approval_transaction_amount',
  'SELECT amount FROM transactions WHERE id = $1',
);

// Planned with the values bound (unnamed), so absent filters fold away.
const MATCHES = `($1::text IS NULL OR a.status = $1) AND ($2::uuid IS NULL OR a.target_user_id = $2)`;
const PAGE = {
  items: dynamicSql<
    ApprovalRequestRow,
    [status: ApprovalStatus | null, targetUserId: string | null, limit: number, offset: number]
  >(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${MATCHES} ORDER BY a.created_at DESC, a.id LIMIT $3 OFFSET $4`),
  count: dynamicSql<{ total: number }, [status: ApprovalStatus | null, targetUserId: string | null]>(
    `SELECT count(*)::int AS total FROM approval_requests a WHERE ${MATCHES}`,
  ),
};

@Injectable()
export class ApprovalRequestsRepository {
  constructor(
    private readonly database: Database,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Requests a deposit (function `approval_request_deposit`): claims the requester's key, writes the
   * request and its audit entry, and stores the 202 answer, in one transaction.
   */
  requestDeposit(
    scope: IdempotencyScope,
    userId: string,
    amount: Cents,
    amountText: string,
  ): Promise<RequestResult> {
    return callMoneyFunction(this.database, this.unitOfWork, REQUEST_DEPOSIT, [
      scope.userId,
      scope.key,
      scope.fingerprint,
      userId,
      amount,
      amountText,
    ]);
  }

  /** Requests a reversal (function `approval_request_reversal`), as `requestDeposit` does a deposit. */
  requestReversal(
    scope: IdempotencyScope,
    transactionId: string,
    reason: string,
    amountText: string,
  ): Promise<RequestResult> {
    return callMoneyFunction(
      this.database,
      this.unitOfWork,
      REQUEST_REVERSAL,
      [scope.userId, scope.key, scope.fingerprint, transactionId, reason, amountText],
      'Transaction',
    );
  }

  /** A ledger row's amount (a reversal moves as much back); undefined for an unknown row. */
  async amountOf(transactionId: string): Promise<Cents | undefined> {
    return (await this.database.first(TRANSACTION_AMOUNT, [transactionId]))?.amount;
  }

  find(id: string): Promise<ApprovalRequestRow | undefined> {
    return this.database.first(FIND, [id]);
  }

  /** In the caller's unit of work: held until it commits. */
  lock(id: string): Promise<ApprovalRequestRow | undefined> {
    return this.database.first(LOCK, [id]);
  }

  /** False when the request was no longer pending. */
  async decide(
    id: string,
    status: ApprovalStatus.APPROVED | ApprovalStatus.REJECTED,
    decidedBy: string,
    reason: string | null,
    transactionId: string | null,
  ): Promise<boolean> {
    return (await this.database.rows(DECIDE, [id, status, decidedBy, reason, transactionId])).length === 1;
  }

  /** Newest first. */
  page(
    status: ApprovalStatus | undefined,
    targetUserId: string | undefined,
    request: PageRequest,
  ): Promise<RowsPage<ApprovalRequestRow>> {
    return this.database.page(PAGE, [status ?? null, targetUserId ?? null], request);
  }
}
