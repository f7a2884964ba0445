import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { Cents, JobName, MoneyRuleCode, TransactionStatus, TransactionType } from '@wallet/shared';
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../common/errors/domain-error';
import { OutboxMessage, outboxMessage, OutboxRepository } from '../notifications/outbox.repository';
import { TransactionPageDto, TransactionResponseDto } from './dto/transaction-response.dto';
import { TransactionQueryDto } from './dto/transaction-query.dto';
import { WalletResponseDto } from './dto/wallet-response.dto';
import { depositViolation, remainingToday, transferViolation, withdrawViolation } from './money-rules';
import { AdminAccountError, MONEY_RULE_ERRORS } from './wallet.errors';
import { NewTransaction, TransactionRow, TransactionsRepository } from './transactions.repository';
import { LockedWallet, WalletsRepository } from './wallets.repository';

/** Who deposits: the admin is the counterparty of a deposit (DESIGN §5). */
export interface Depositor {
  id: string;
  name: string;
}

/** The result of a money move: the caller's row, and the rule it broke if it FAILED. */
interface MoveResult {
  row: TransactionRow;
  violation: MoneyRuleCode | null;
}

/**
 * Money moves (DESIGN §2). Each runs in one transaction (the caller's when there is one, e.g. the
 * idempotency interceptor's): lock the wallets in id order, check the rules in order, then write.
 * A broken rule is committed as a FAILED row and then thrown as its error, after the transaction
 * callback returns, so the refusal is recorded whether or not the caller owns the transaction.
 */
@Injectable()
export class WalletService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly wallets: WalletsRepository,
    private readonly transactions: TransactionsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async withdraw(userId: string, amount: Cents): Promise<TransactionResponseDto> {
    return this.move(async () => {
      const wallet = await this.lockOwnWallet(userId);
      const used = await this.transactions.usedToday(
        wallet.id,
        TransactionType.WITHDRAW,
        this.config.limitsTimezone,
      );
      const violation = withdrawViolation(wallet, { limit: this.config.dailyWithdrawLimit, used }, amount);
      const [row] = await this.record(violation, [
        { wallet, type: TransactionType.WITHDRAW, delta: -amount, counterparty: null },
      ]);
      return { row, violation };
    });
  }

  async transfer(userId: string, recipientEmail: string, amount: Cents): Promise<TransactionResponseDto> {
    return this.move(async () => {
      const { sender, recipient } = await this.wallets.lockForTransfer(userId, recipientEmail);
      if (!sender) throw new NotFoundError('Wallet');
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
      const counterparty = (wallet: LockedWallet) => ({ id: wallet.userId, name: wallet.ownerName });
      const legs: Leg[] = [
        {
          wallet: sender,
          type: TransactionType.TRANSFER_OUT,
          delta: -amount,
          counterparty: recipient ? counterparty(recipient) : null,
        },
      ];
      // A refused transfer is one FAILED row on the sender; a SUCCESS writes both legs.
      if (violation === null && recipient) {
        legs.push({
          wallet: recipient,
          type: TransactionType.TRANSFER_IN,
          delta: amount,
          counterparty: counterparty(sender),
        });
      }
      const [outgoing, incoming] = await this.record(violation, legs, randomUUID());
      if (incoming) {
        await this.outbox.add(
          outboxMessage(JobName.TRANSFER_RECEIVED_EMAIL, {
            to: { email: recipient!.ownerEmail, name: recipient!.ownerName },
            senderName: sender.ownerName,
            amount,
            balanceAfter: incoming.balanceAfter,
            transactionId: incoming.id,
            occurredAt: incoming.createdAt.toISOString(),
          }),
        );
      }
      return { row: outgoing, violation };
    });
  }

  /** An admin deposit into a user's wallet; `onRecorded` runs in the same transaction (the audit row). */
  async deposit(
    admin: Depositor,
    userId: string,
    amount: Cents,
    onRecorded?: (row: TransactionRow) => Promise<void>,
  ): Promise<TransactionResponseDto> {
    return this.move(async () => {
      const wallet = await this.wallets.lockByUserId(userId);
      if (!wallet) throw await this.noWalletError(userId);
      const violation = depositViolation(wallet);
      const [row] = await this.record(violation, [
        { wallet, type: TransactionType.DEPOSIT, delta: amount, counterparty: admin },
      ]);
      if (violation === null) {
        await this.outbox.add(
          outboxMessage(JobName.DEPOSIT_EMAIL, {
            to: { email: wallet.ownerEmail, name: wallet.ownerName },
            amount,
            balanceAfter: row.balanceAfter,
            transactionId: row.id,
            occurredAt: row.createdAt.toISOString(),
          }),
        );
      }
      await onRecorded?.(row);
      return { row, violation };
    });
  }

  async view(userId: string): Promise<WalletResponseDto> {
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
      limits: {
        withdraw: limit(this.config.dailyWithdrawLimit, view.withdrawnToday),
        transfer: limit(this.config.dailyTransferLimit, view.transferredToday),
      },
    };
  }

  /** History of the user's wallet (DESIGN §5); 404 for a user without one. */
  async history(userId: string, query: TransactionQueryDto): Promise<TransactionPageDto> {
    const walletId = await this.wallets.idOfUser(userId);
    if (!walletId) throw await this.noWalletError(userId);
    const { items, total } = await this.transactions.page(walletId, query, query.page, query.limit);
    return { items: items.map(toResponse), page: query.page, limit: query.limit, total };
  }

  private async move(work: () => Promise<MoveResult>): Promise<TransactionResponseDto> {
    const { row, violation } = await this.txHost.withTransaction(work);
    if (violation !== null) throw new MONEY_RULE_ERRORS[violation](row.id);
    return toResponse(row);
  }

  private async lockOwnWallet(userId: string): Promise<LockedWallet> {
    const wallet = await this.wallets.lockByUserId(userId);
    if (!wallet) throw new NotFoundError('Wallet');
    return wallet;
  }

  private async noWalletError(userId: string): Promise<Error> {
    const [user] = await this.txHost.tx.query<{ role: string }[]>(`SELECT role FROM users WHERE id = $1`, [
      userId,
    ]);
    return user ? new AdminAccountError() : new NotFoundError('User');
  }

  /**
   * Writes the legs of a move: balances (SUCCESS only), ledger rows, and a transaction-result
   * message per row for the worker's log (DESIGN §6).
   */
  private async record(violation: MoneyRuleCode | null, legs: Leg[], transferId: string | null = null) {
    const status = violation === null ? TransactionStatus.SUCCESS : TransactionStatus.FAILED;
    const balances =
      violation === null
        ? await this.wallets.applyChanges(legs.map((leg) => ({ walletId: leg.wallet.id, delta: leg.delta })))
        : new Map(legs.map((leg) => [leg.wallet.id, leg.wallet.balance]));
    const rows: NewTransaction[] = legs.map((leg) => ({
      walletId: leg.wallet.id,
      type: leg.type,
      amount: Math.abs(leg.delta),
      status,
      failureReason: violation,
      balanceAfter: balances.get(leg.wallet.id)!,
      counterpartyUserId: leg.counterparty?.id ?? null,
      // Only a completed transfer has two legs to tie together.
      transferId: status === TransactionStatus.SUCCESS ? transferId : null,
    }));
    const inserted = await this.transactions.insert(rows);
    const results: TransactionRow[] = inserted.map((row, i) => ({
      ...row,
      counterpartyName: legs[i].counterparty?.name ?? null,
    }));
    await this.outbox.add(...results.map(transactionResultMessage));
    return results;
  }
}

interface Leg {
  wallet: LockedWallet;
  type: TransactionType;
  /** Signed change to the balance, in cents. */
  delta: Cents;
  counterparty: { id: string; name: string } | null;
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
