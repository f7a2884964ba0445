import { Injectable } from '@nestjs/common';
import { CacheService } from '../cache/cache.service';
import { TransactionQueryDto } from './dto/transaction-query.dto';
import { TransactionPageDto } from './dto/transaction-response.dto';
import { WalletResponseDto } from './dto/wallet-response.dto';

/** History pages past this one are read from Postgres every time. */
const CACHED_HISTORY_PAGES = 3;
const KINDS = { wallet: 'wallet', history: 'history' } as const;
const ALL_KINDS = Object.values(KINDS);

/**
 * What the wallet module caches (docs/design.md §7): each user's wallet view and the first pages of their
 * history, served while the wallet's version is the one they were read at. Every write to a
 * wallet moves its version in the same transaction, so a read after a write sees the write.
 */
@Injectable()
export class WalletCache {
  constructor(private readonly cache: CacheService) {}

  /** The limits in the view reset at midnight (`resetsAt`); a view cached before must not outlive it. */
  view(userId: string, version: number, load: () => Promise<WalletResponseDto>): Promise<WalletResponseDto> {
    return this.cache.getOrLoad({ owner: userId, kind: KINDS.wallet, version }, ALL_KINDS, load, (view) =>
      Math.floor((new Date(view.limits.withdraw.resetsAt).getTime() - Date.now()) / 1000),
    );
  }

  history(
    userId: string,
    version: number,
    query: TransactionQueryDto,
    load: () => Promise<TransactionPageDto>,
  ): Promise<TransactionPageDto> {
    if (query.page > CACHED_HISTORY_PAGES) return load();
    // The range and amount filters (docs/design.md §13), when any is set, as JSON: an instant
    // holds colons of its own.
    const { from, to, minAmount, maxAmount } = query;
    const narrowed = [from, to, minAmount, maxAmount].some((value) => value !== undefined);
    const field =
      [query.page, query.limit, query.type ?? '', query.status ?? ''].join(':') +
      (narrowed
        ? `:${JSON.stringify([from ?? null, to ?? null, minAmount ?? null, maxAmount ?? null])}`
        : '');
    return this.cache.getOrLoad({ owner: userId, kind: KINDS.history, field, version }, ALL_KINDS, load);
  }
}
