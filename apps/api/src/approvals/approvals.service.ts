import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { UnitOfWork } from '@wallet/database';
import { ApprovalKind, ApprovalStatus, AuditAction, Cents, formatCents } from '@wallet/shared';
import { createHash } from 'node:crypto';
import { AuditLogRepository } from '../admin/audit-log.repository';
import { NotFoundError } from '../common/errors/domain-error';
import { mapPage } from '../common/http/page.dto';
import { IdempotentAnswer, type IdempotencyScope } from '../idempotency/idempotent-answer';
import { IdempotencyKeyInUseError } from '../idempotency/idempotency.errors';
import { TransactionResponseDto } from '../wallet/dto/transaction-response.dto';
import type { MoveResult } from '../wallet/money-moves.repository';
import { answerOf, WalletService } from '../wallet/wallet.service';
import {
  type ApprovalRequestRow,
  ApprovalRequestsRepository,
  type RequestResult,
} from './approval-requests.repository';
import { ApprovalDecidedError, SelfApprovalError } from './approvals.errors';
import {
  ApprovalQueryDto,
  ApprovalRequestDto,
  ApprovalRequestPageDto,
  mapApprovalRequest,
} from './dto/approval.dto';

/**
 * The Idempotency-Key an approved request's move runs under, in the requester's key space. A tab
 * is no printable ASCII, so no HTTP request can ever send (and take) this key (docs/design.md §3.1):
 * the move runs at most once per request, however many times it is approved or retried.
 */
export function approvalMoveKey(requestId: string): string {
  return `approval\t${requestId}`;
}

/**
 * Four eyes on money that appears or moves back (docs/design.md §15): a deposit or a reversal above
 * `APPROVAL_THRESHOLD` is requested, and runs only when another admin approves it.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly requests: ApprovalRequestsRepository,
    private readonly wallet: WalletService,
    private readonly audit: AuditLogRepository,
  ) {}

  /** Whether a move of `amount` needs a second admin (0 turns four eyes off). */
  needsApproval(amount: Cents): boolean {
    const threshold = this.config.adminSecurity.approvalThreshold;
    return threshold > 0 && amount > threshold;
  }

  /**
   * An admin deposit: executed at once up to the threshold (201 Transaction), requested above it
   * (202 request). Either is stored under the request's Idempotency-Key and replayed as it was
   * first answered, even if the threshold changed in between.
   */
  async deposit(
    scope: IdempotencyScope,
    userId: string,
    amount: Cents,
  ): Promise<IdempotentAnswer<TransactionResponseDto | ApprovalRequestDto>> {
    const result: RequestResult = this.needsApproval(amount)
      ? await this.requests.requestDeposit(scope, userId, amount, formatCents(amount))
      : await this.wallet.depositResult(scope, userId, amount);
    if (result.status === 202) {
      return new IdempotentAnswer(202, mapApprovalRequest(result.answer), result.outcome === 'replayed');
    }
    return answerOf(result);
  }

  /**
   * An admin reversal (docs/design.md §13): of a row of up to the threshold at once (201 with the
   * reversal row), of more than it requested (202), stored and replayed under its key alike. An
   * unknown row is not looked up twice: the reversal itself answers it 404.
   */
  async reverse(
    scope: IdempotencyScope,
    transactionId: string,
    reason: string,
  ): Promise<IdempotentAnswer<TransactionResponseDto | ApprovalRequestDto>> {
    const amount = await this.requests.amountOf(transactionId);
    const result: RequestResult =
      amount !== undefined && this.needsApproval(amount)
        ? await this.requests.requestReversal(scope, transactionId, reason, formatCents(amount))
        : await this.wallet.reverseResult(scope, transactionId, reason);
    if (result.status === 202) {
      return new IdempotentAnswer(202, mapApprovalRequest(result.answer), result.outcome === 'replayed');
    }
    return answerOf(result);
  }

  async list(query: ApprovalQueryDto): Promise<ApprovalRequestPageDto> {
    return mapPage(
      await this.requests.page(query.status, query.targetUserId, query),
      query,
      mapApprovalRequest,
    );
  }

  /**
   * Another admin approves: the move runs now, in the same transaction as the decision and its
   * audit entry, under the request's own key (approvalMoveKey) and in the requester's name, so
   * the ledger shows who asked and the audit log who approved. Approvers of one request queue on
   * its row lock; the first decides, the others get 409. A money rule that refuses the move
   * (a wallet frozen since) still decides the request, with the FAILED row it wrote.
   */
  async approve(adminId: string, requestId: string): Promise<TransactionResponseDto> {
    const result = await this.unitOfWork.run(async () => {
      const request = await this.pendingForDecision(adminId, requestId);
      const move = await this.execute(request);
      // The key is the request's own and the request is locked: it cannot be in use or reused. If
      // it ever were, the decision rolls back with the move that did not run.
      if (move.status === null) throw new IdempotencyKeyInUseError();
      // A refused reversal wrote no row, so names none.
      const transactionId = move.status === 201 ? move.answer.id : (move.answer.transactionId ?? null);
      await this.decide(request, ApprovalStatus.APPROVED, adminId, null, transactionId);
      const outcome = move.status === 201 ? 'done' : `refused: ${move.answer.code}`;
      await this.audit.add({
        adminId,
        action: AuditAction.APPROVAL_APPROVED,
        targetUserId: request.targetUserId,
        detail:
          `approved the ${formatCents(request.amount)} ${request.kind} requested by ${request.requestedByName} ` +
          `(request ${request.id}): ${outcome}, transaction ${transactionId}`,
      });
      return move;
    });
    return answerOf(result).body;
  }

  /** Another admin rejects: nothing moves; the reason is kept and audited. */
  async reject(adminId: string, requestId: string, reason: string): Promise<ApprovalRequestDto> {
    await this.unitOfWork.run(async () => {
      const request = await this.pendingForDecision(adminId, requestId);
      await this.decide(request, ApprovalStatus.REJECTED, adminId, reason, null);
      await this.audit.add({
        adminId,
        action: AuditAction.APPROVAL_REJECTED,
        targetUserId: request.targetUserId,
        detail:
          `rejected the ${formatCents(request.amount)} ${request.kind} requested by ${request.requestedByName} ` +
          `(request ${request.id}): ${reason}`,
      });
    });
    const decided = await this.requests.find(requestId);
    return mapApprovalRequest(decided!);
  }

  /** The request, locked for this unit of work, if `adminId` may decide it now. */
  private async pendingForDecision(adminId: string, requestId: string): Promise<ApprovalRequestRow> {
    const request = await this.requests.lock(requestId);
    if (!request) throw new NotFoundError('Approval request');
    if (request.requestedBy === adminId) throw new SelfApprovalError();
    if (request.status !== ApprovalStatus.PENDING) throw new ApprovalDecidedError(request.status);
    return request;
  }

  private async decide(
    request: ApprovalRequestRow,
    status: ApprovalStatus.APPROVED | ApprovalStatus.REJECTED,
    adminId: string,
    reason: string | null,
    transactionId: string | null,
  ): Promise<void> {
    // Under the row lock this cannot lose; the guarded UPDATE is the last word all the same.
    if (!(await this.requests.decide(request.id, status, adminId, reason, transactionId))) {
      throw new ApprovalDecidedError(status);
    }
  }

  /** Runs the move a request asks for; each kind is one case (docs/design.md §15). */
  private execute(request: ApprovalRequestRow): Promise<MoveResult> {
    const scope: IdempotencyScope = {
      userId: request.requestedBy,
      key: approvalMoveKey(request.id),
      fingerprint: createHash('sha256')
        .update(
          `approval\n${request.id}\n${request.kind}\n${request.targetUserId}\n${request.targetTransactionId}\n${request.amount}`,
        )
        .digest('hex'),
    };
    switch (request.kind) {
      case ApprovalKind.DEPOSIT:
        return this.wallet.depositResult(scope, request.targetUserId, request.amount);
      case ApprovalKind.REVERSAL:
        // The requested row and reason; money_reverse judges, under its locks, whether it still can.
        return this.wallet.reverseResult(scope, request.targetTransactionId!, request.requestReason ?? '');
    }
  }
}
