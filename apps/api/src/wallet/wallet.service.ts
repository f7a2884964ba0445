import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { Cents, JobName, MoneyRuleCode, TransactionStatus, TransactionType } from '@wallet/shared';
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../common/errors/domain-error';
import { UnitOfWork } from '../common/transactions/unit-of-work';
import { OutboxMessage, outboxMessage, OutboxRepository } from '../notifications/outbox.repository';
import { UsersService } from '../users/users.service';
import { TransactionQueryDto } from './dto/transaction-query.dto';
import { TransactionPageDto, TransactionResponseDto } from './dto/transaction-response.dto';
import { WalletResponseDto } from './dto/wallet-response.dto';
import { depositViolation, remainingToday, transferViolation, withdrawViolation } from './money-rules';
import { LedgerEntry, LedgerRepository } from './ledger.repository';
import { TransactionRow, TransactionsRepository } from './transactions.repository';
import { WalletCache } from './wallet-cache';
import { AdminAccountError, MONEY_RULE_ERRORS } from './wallet.errors';
import { LockedWallet, WalletsRepository } from './wallets.repository';

/** The other party named on a ledger row: the admin of a deposit, the other user of a transfer. */
export interface Counterparty {
  id: string;
  name: string;
}

interface Leg {
  wallet: LockedWallet;
  type: TransactionType;
  /** Signed change to the balance, in cents. */
  delta: Cents;
  counterparty: Counterparty | null;
}

/**
 * Money moves (DESIGN §2), each one unit of work: lock the wallets in id order, check the rules in
 * order, then write. A broken rule is written as a FAILED row and thrown as its error; the unit of
 * work commits it anyway.
 */
@Injectable()
export class WalletService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly wallets: WalletsRepository,
    private readonly transactions: TransactionsRepository,
    private readonly ledger: LedgerRepository,
    private readonly outbox: OutboxRepository,
    private readonly users: UsersService,
    private readonly cache: WalletCache,
  ) {}

  withdraw(userId: string, amount: Cents): Promise<TransactionResponseDto> {
    return this.unitOfWork.run(async () => {
      const wallet = await this.lockWalletOf(userId);
      await this.cache.invalidateAfterCommit(userId);
      const used = await this.transactions.usedToday(
        wallet.id,
        TransactionType.WITHDRAW,
        this.config.limitsTimezone,
      );
      const violation = withdrawViolation(wallet, { limit: this.config.dailyWithdrawLimit, used }, amount);
      const [row] = await this.record(violation, [
        { wallet, type: TransactionType.WITHDRAW, delta: -amount, counterparty: null },
      ]);
      return this.answer(row, violation);
    });
  }

  transfer(userId: string, recipientEmail: string, amount: Cents): Promise<TransactionResponseDto> {
    return this.unitOfWork.run(async () => {
      const { sender, recipient } = await this.wallets.lockForTransfer(userId, recipientEmail);
      if (!sender) throw new NotFoundError('Wallet');
      await this.cache.invalidateAfterCommit(
        ...[sender, recipient].flatMap((wallet) => wallet?.userId ?? []),
      );
      const used = await this.transactions.usedToday(
        sender.id,
        TransactionType.TRANSFER_OUT,
        this.config.limitsTimezone,
      );
      const violation = transferViolation(
        sender,
        recipient && { ...recipient, status: recipient.ownerStatus },
        { limit: this.config.dailyTransferLimit, used },
        amount,
      );
      const legs: Leg[] = [
        {
          wallet: sender,
          type: TransactionType.TRANSFER_OUT,
          delta: -amount,
          counterparty: owner(recipient),
        },
      ];
      // A refused transfer is one FAILED row on the sender; a SUCCESS writes both legs.
      if (violation === null && recipient) {
        legs.push({
          wallet: recipient,
          type: TransactionType.TRANSFER_IN,
          delta: amount,
          counterparty: owner(sender),
        });
      }
      const [outgoing] = await this.record(violation, legs, ([, incoming]) =>
        incoming && recipient
          ? [
              outboxMessage(JobName.TRANSFER_RECEIVED_EMAIL, {
                to: { email: recipient.ownerEmail, name: recipient.ownerName },
                senderName: sender.ownerName,
                amount,
                balanceAfter: incoming.balanceAfter,
                transactionId: incoming.id,
                occurredAt: incoming.createdAt.toISOString(),
              }),
            ]
          : [],
      );
      return this.answer(outgoing, violation);
    });
  }

  /** An admin deposit into a user's wallet; no daily limit (DESIGN §2). */
  deposit(admin: Counterparty, userId: string, amount: Cents): Promise<TransactionResponseDto> {
    return this.unitOfWork.run(async () => {
      const wallet = await this.lockWalletOf(userId);
      await this.cache.invalidateAfterCommit(userId);
      const violation = depositViolation(wallet);
      const legs = [{ wallet, type: TransactionType.DEPOSIT, delta: amount, counterparty: admin }];
      const [row] = await this.record(violation, legs, ([deposited]) =>
        violation === null
          ? [
              outboxMessage(JobName.DEPOSIT_EMAIL, {
                to: { email: wallet.ownerEmail, name: wallet.ownerName },
                amount,
                balanceAfter: deposited.balanceAfter,
                transactionId: deposited.id,
                occurredAt: deposited.createdAt.toISOString(),
              }),
            ]
          : [],
      );
      return this.answer(row, violation);
    });
  }

  /**
   * Freezes or unfreezes a user's wallet (DESIGN §2) and queues the email saying so. Setting the
   * current state again changes nothing and returns false.
   */
  setFrozen(userId: string, frozen: boolean, reason: string | null): Promise<boolean> {
    return this.unitOfWork.run(async () => {
      const wallet = await this.lockWalletOf(userId);
      if (wallet.frozen === frozen) return false;
      await this.wallets.setFrozen(wallet.id, frozen, frozen ? reason : null);
      await this.cache.invalidateAfterCommit(userId);
      const to = { email: wallet.ownerEmail, name: wallet.ownerName };
      const occurredAt = new Date().toISOString();
      await this.outbox.add(
        frozen
          ? outboxMessage(JobName.ACCOUNT_FROZEN_EMAIL, { to, reason, occurredAt })
          : outboxMessage(JobName.ACCOUNT_UNFROZEN_EMAIL, { to, occurredAt }),
      );
      return true;
    });
  }

  /** Served from the cache when it can be (DESIGN §7). */
  view(userId: string): Promise<WalletResponseDto> {
    return this.cache.view(userId, () => this.loadView(userId));
  }

  /** History of a user's wallet, newest first (DESIGN §5); the first pages come from the cache. */
  history(userId: string, query: TransactionQueryDto): Promise<TransactionPageDto> {
    return this.cache.history(userId, query, () => this.loadHistory(userId, query));
  }

  private async loadView(userId: string): Promise<WalletResponseDto> {
    const view = await this.wallets.view(userId, this.config.limitsTimezone);
    if (!view) throw new NotFoundError('Wallet');
    const limit = (limit: Cents, used: Cents) => ({
      limit,
      used,
      remaining: remainingToday({ limit, used }),
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

  private async loadHistory(userId: string, query: TransactionQueryDto): Promise<TransactionPageDto> {
    const walletId = await this.wallets.idOfUser(userId);
    if (!walletId) throw await this.noWallet(userId);
    const { items, total } = await this.transactions.page(walletId, query, query.page, query.limit);
    return { items: items.map(toResponse), page: query.page, limit: query.limit, total };
  }

  private async lockWalletOf(userId: string): Promise<LockedWallet> {
    const wallet = await this.wallets.lockByUserId(userId);
    if (!wallet) throw await this.noWallet(userId);
    return wallet;
  }

  /** An unknown user is a 404; an admin, who has no wallet, a 422 (DESIGN §4). */
  private async noWallet(userId: string): Promise<Error> {
    await this.users.get(userId);
    return new AdminAccountError();
  }

  /** Answers the caller's row, or throws the broken rule's error once its FAILED row is written. */
  private answer(row: TransactionRow, violation: MoneyRuleCode | null): TransactionResponseDto {
    if (violation !== null) throw new MONEY_RULE_ERRORS[violation](row.id);
    return toResponse(row);
  }

  /**
   * Writes a move in one statement: balances (SUCCESS only), its ledger rows, a transaction-result
   * message for the worker's log (DESIGN §6), and the `emails` for the rows written.
   */
  private async record(
    violation: MoneyRuleCode | null,
    legs: Leg[],
    emails: (rows: TransactionRow[]) => OutboxMessage[] = () => [],
  ): Promise<TransactionRow[]> {
    const status = violation === null ? TransactionStatus.SUCCESS : TransactionStatus.FAILED;
    // Only a completed transfer has two legs to tie together.
    const transferId = legs.length > 1 ? randomUUID() : null;
    const entries: LedgerEntry[] = legs.map((leg) => ({
      id: randomUUID(),
      walletId: leg.wallet.id,
      type: leg.type,
      amount: Math.abs(leg.delta),
      delta: leg.delta,
      status,
      failureReason: violation,
      // The wallet is locked: its balance after this move is known before writing it.
      balanceAfter: leg.wallet.balance + (violation === null ? leg.delta : 0),
      counterpartyUserId: leg.counterparty?.id ?? null,
      transferId,
    }));
    const now = new Date();
    const rows: TransactionRow[] = entries.map((entry, i) => ({
      ...entry,
      counterpartyName: legs[i].counterparty?.name ?? null,
      createdAt: now,
    }));
    // One result message per move: its first row (a transfer's other leg shares the transferId).
    const createdAt = await this.ledger.write(entries, [transactionResultMessage(rows[0]), ...emails(rows)]);
    return rows.map((row, i) => ({ ...row, createdAt: createdAt[i] }));
  }
}

function owner(wallet: LockedWallet | undefined): Counterparty | null {
  return wallet ? { id: wallet.userId, name: wallet.ownerName } : null;
}

function transactionResultMessage(row: TransactionRow): OutboxMessage {
  return outboxMessage(JobName.TRANSACTION_RESULT, {
    transactionId: row.id,
    walletId: row.walletId,
    type: row.type,
    amount: row.amount,
    status: row.status,
    failureReason: row.failureReason,
    transferId: row.transferId,
    occurredAt: row.createdAt.toISOString(),
  });
}

export function toResponse(row: TransactionRow): TransactionResponseDto {
  return {
    id: row.id,
    type: row.type,
    amount: row.amount,
    status: row.status,
    failureReason: row.failureReason,
    counterpartyName: row.counterpartyName,
    balanceAfter: row.balanceAfter,
    transferId: row.transferId,
    createdAt: row.createdAt,
  };
}
