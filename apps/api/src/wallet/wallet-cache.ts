import { Injectable } from '@nestjs/common';
import { CacheService } from '../cache/cache.service';
import { UnitOfWork } from '../common/transactions/unit-of-work';
import { TransactionQueryDto } from './dto/transaction-query.dto';
import { TransactionPageDto } from './dto/transaction-response.dto';
import { WalletResponseDto } from './dto/wallet-response.dto';

/** History pages past this one are read from Postgres every time. */
const CACHED_HISTORY_PAGES = 3;
const KINDS = { wallet: 'wallet', history: 'history' } as const;

/**
 * What the wallet module caches (DESIGN §7): each user's wallet view and the first pages of
 * their history, dropped after any committed write that touched the wallet.
 */
@Injectable()
export class WalletCache {
  constructor(
    private readonly cache: CacheService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** The limits in the view reset at midnight (`resetsAt`); a view cached before must not outlive it. */
  view(userId: string, load: () => Promise<WalletResponseDto>): Promise<WalletResponseDto> {
    return this.cache.getOrLoad({ owner: userId, kind: KINDS.wallet }, load, (view) =>
      Math.floor((new Date(view.limits.withdraw.resetsAt).getTime() - Date.now()) / 1000),
    );
  }

  history(userId: string, query: TransactionQueryDto, load: () => Promise<TransactionPageDto>) {
    if (query.page > CACHED_HISTORY_PAGES) return load();
    const field = [query.page, query.limit, query.type ?? '', query.status ?? ''].join(':');
    return this.cache.getOrLoad({ owner: userId, kind: KINDS.history, field }, load);
  }

  /** Drops the users' cached wallet and history once the current transaction commits. */
  invalidateAfterCommit(...userIds: string[]): Promise<void> {
    return this.unitOfWork.afterCommit(() => this.cache.invalidate(userIds, Object.values(KINDS)));
  }
}
