import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { Cents, formatCents, JobName, WebhookEventType } from '@wallet/shared';
import type { AuthUser } from '../common/decorators/auth.decorators';
import { ReplayedProblem } from '../common/errors/problem.filter';
import { problemFor } from '../common/errors/problem';
import { mapPage } from '../common/http/page.dto';
import { UnitOfWork } from '@wallet/database';
import { IdempotentAnswer, type IdempotencyScope } from '../idempotency/idempotent-answer';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from '../idempotency/idempotency.errors';
import { outboxMessage, OutboxRepository, webhookEventMessage } from '@wallet/messaging';
import { UsersService } from '../users/users.service';
import { TransactionQueryDto } from './dto/transaction-query.dto';
import {
  mapTransaction,
  type TransactionFields,
  TransactionPageDto,
  TransactionResponseDto,
} from './dto/transaction-response.dto';
import { WalletResponseDto } from './dto/wallet-response.dto';
import { remainingToday } from './daily-limits';
import { MoneyMovesRepository, MovedRow, MoveResult } from './money-moves.repository';
import { TransactionsRepository } from './transactions.repository';
import { WalletCache } from './wallet-cache';
import { AdminAccountError, MONEY_RULE_ERRORS, REVERSAL_ERRORS } from './wallet.errors';
import { WalletsRepository } from './wallets.repository';

/**
 * The wallet: its money moves (docs/design.md §2, each one call of a database function that holds the
 * rules, see MoneyMovesRepository), freezing, and the reads, cached (docs/design.md §7).
 */
@Injectable()
export class WalletService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly moves: MoneyMovesRepository,
    private readonly wallets: WalletsRepository,
    private readonly transactions: TransactionsRepository,
    private readonly outbox: OutboxRepository,
    private readonly users: UsersService,
    private readonly cache: WalletCache,
  ) {}

  async withdraw(scope: IdempotencyScope, amount: Cents): Promise<IdempotentAnswer<TransactionResponseDto>> {
    const { dailyWithdrawLimit, limitsTimezone } = this.config;
    return answerOf(await this.moves.withdraw(scope, amount, dailyWithdrawLimit, limitsTimezone));
  }

  async transfer(
    scope: IdempotencyScope,
    recipientEmail: string,
    amount: Cents,
    memo: string | null,
  ): Promise<IdempotentAnswer<TransactionResponseDto>> {
    const { dailyTransferLimit, limitsTimezone } = this.config;
    return answerOf(
      await this.moves.transfer(scope, recipientEmail, amount, dailyTransferLimit, limitsTimezone, memo),
    );
  }

  /**
   * An admin's reversal of one SUCCESS deposit, withdrawal or transfer (docs/design.md §13): new
   * `reversal` rows, their emails and audit entry in one transaction; the answer is the reversal
   * row on the named row's wallet. Every wallet it changes moves its version, which is what
   * invalidates the owners' cached views and history (docs/design.md §7).
   */
  async reverse(
    scope: IdempotencyScope,
    transactionId: string,
    reason: string,
  ): Promise<IdempotentAnswer<TransactionResponseDto>> {
    return answerOf(await this.reverseResult(scope, transactionId, reason));
  }

  /** The reversal's result as its function returned it (a four-eyes approval answers it, docs/design.md §15). */
  reverseResult(scope: IdempotencyScope, transactionId: string, reason: string): Promise<MoveResult> {
    return this.moves.reverse(scope, transactionId, reason);
  }

  /** An admin deposit into a user's wallet, audited in the same transaction (docs/design.md §2, §5). */
  async deposit(
    scope: IdempotencyScope,
    userId: string,
    amount: Cents,
  ): Promise<IdempotentAnswer<TransactionResponseDto>> {
    return answerOf(await this.depositResult(scope, userId, amount));
  }

  /**
   * The deposit's result as its function returned it, for a caller that answers it itself (a
   * four-eyes approval runs it inside its own unit of work, docs/design.md §15).
   */
  depositResult(scope: IdempotencyScope, userId: string, amount: Cents): Promise<MoveResult> {
    return this.moves.deposit(scope, userId, amount, formatCents(amount));
  }

  /**
   * Freezes or unfreezes a user's wallet (docs/design.md §2) and queues the email saying so and the
   * `account.frozen` or `account.unfrozen` event (§14), in the caller's unit of work. Setting the
   * current state again changes nothing and returns false.
   */
  setFrozen(userId: string, frozen: boolean, reason: string | null): Promise<boolean> {
    return this.unitOfWork.run(async () => {
      const wallet = await this.wallets.lockByUserId(userId);
      if (!wallet) throw await this.noWallet(userId);
      if (wallet.frozen === frozen) return false;
      await this.wallets.setFrozen(wallet.id, frozen, frozen ? reason : null);
      const to = { email: wallet.ownerEmail, name: wallet.ownerName };
      const now = new Date();
      const occurredAt = now.toISOString();
      const account = { userId, walletId: wallet.id, frozen, frozenReason: frozen ? reason : null };
      await this.outbox.add(
        frozen
          ? outboxMessage(JobName.ACCOUNT_FROZEN_EMAIL, { to, reason, occurredAt })
          : outboxMessage(JobName.ACCOUNT_UNFROZEN_EMAIL, { to, occurredAt }),
        webhookEventMessage(
          frozen ? WebhookEventType.ACCOUNT_FROZEN : WebhookEventType.ACCOUNT_UNFROZEN,
          account,
          now,
        ),
      );
      return true;
    });
  }

  /** The caller's wallet, served from the cache while its version holds (docs/design.md §7). */
  view(caller: AuthUser): Promise<WalletResponseDto> {
    const load = () => this.loadView(caller.id);
    return caller.walletVersion === null ? load() : this.cache.view(caller.id, caller.walletVersion, load);
  }

  /**
   * History of a user's wallet, newest first (docs/design.md §5). The owner's first pages come from the
   * cache; another reader (an admin) does not know the wallet's version and reads Postgres.
   */
  history(userId: string, query: TransactionQueryDto, caller?: AuthUser): Promise<TransactionPageDto> {
    const load = () => this.loadHistory(userId, query);
    if (caller?.id !== userId || caller.walletVersion === null) return load();
    return this.cache.history(userId, caller.walletVersion, query, load);
  }

  private async loadView(userId: string): Promise<WalletResponseDto> {
    const view = await this.wallets.view(userId, this.config.limitsTimezone);
    if (!view) throw await this.noWallet(userId);
    const limit = (limit: Cents, used: Cents) => ({
      limit,
      used,
      remaining: remainingToday(limit, used),
      resetsAt: view.resetsAt,
    });
    return {
      id: view.id,
      balance: view.balance,
      currency: view.currency,
      frozen: view.frozen,
      frozenReason: view.frozenReason,
      limits: {
        withdraw: limit(this.config.dailyWithdrawLimit, view.withdrawnToday),
        transfer: limit(this.config.dailyTransferLimit, view.transferredToday),
      },
    };
  }

  /** The id of a user's wallet; an unknown user is a 404, an admin a 422 (docs/design.md §4). */
  async walletIdOf(userId: string): Promise<string> {
    const walletId = await this.wallets.idOfUser(userId);
    if (!walletId) throw await this.noWallet(userId);
    return walletId;
  }

  private async loadHistory(userId: string, query: TransactionQueryDto): Promise<TransactionPageDto> {
    const walletId = await this.walletIdOf(userId);
    return mapPage(await this.transactions.page(walletId, query, query), query, mapTransaction);
  }

  /** An unknown user is a 404; an admin, who has no wallet, a 422 (docs/design.md §4). */
  private async noWallet(userId: string): Promise<Error> {
    await this.users.get(userId);
    return new AdminAccountError();
  }
}

/**
 * The HTTP answer of a money move's result (docs/design.md §3): its row, or the broken rule's problem
 * naming the FAILED row, the same whether it ran now or is replayed.
 */
export function answerOf(result: MoveResult): IdempotentAnswer<TransactionResponseDto> {
  switch (result.outcome) {
    case 'in_use':
      throw new IdempotencyKeyInUseError();
    case 'reused':
      throw new IdempotencyKeyReusedError();
    case 'executed':
    case 'replayed': {
      const replayed = result.outcome === 'replayed';
      if (result.status === 201)
        return new IdempotentAnswer(201, mapTransaction(fromMoved(result.answer)), replayed);
      // A money rule names its FAILED row; a refused reversal wrote none (docs/design.md §13).
      const refusal =
        result.answer.transactionId === undefined
          ? new REVERSAL_ERRORS[result.answer.code]()
          : new MONEY_RULE_ERRORS[result.answer.code](result.answer.transactionId);
      throw replayed ? new ReplayedProblem(problemFor(refusal.code, refusal.detail, refusal.extra)) : refusal;
    }
  }
}

/** Answers stored before docs/design.md §13 lack its fields: they are null there. */
function fromMoved(row: MovedRow): TransactionFields {
  return {
    ...row,
    memo: row.memo ?? null,
    reversesId: row.reversesId ?? null,
    reversedById: row.reversedById ?? null,
    createdAt: new Date(row.createdAt),
  };
}
