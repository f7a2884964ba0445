import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { DailyLimitDto, TransactionResponseDto, WalletResponseDto } from '@wallet/sdk';
import { describeError, endsSession } from '../api/error-messages';
import { MoneyPipe } from '../money/money.pipe';
import { SessionService } from '../session/session.service';
import { Sparkline } from '../shared/sparkline';

/** How many recent transactions the balance chart covers. */
const CHART_POINTS = 50;

/** `/dashboard`: balance, today's limits and the balance over time. */
@Component({
  selector: 'app-dashboard-page',
  imports: [DatePipe, RouterLink, MatCardModule, MatButtonModule, MatProgressBarModule, MoneyPipe, Sparkline],
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage implements OnInit {
  protected readonly session = inject(SessionService);
  protected readonly wallet = signal<WalletResponseDto | null>(null);
  private readonly recent = signal<TransactionResponseDto[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly loading = signal(true);
  /** Oldest first, as the chart reads. */
  protected readonly balances = computed(() =>
    this.recent()
      .map((transaction) => transaction.balanceAfter)
      .reverse(),
  );

  /** Today's two limits, each shown the same way: how much of it is used, and what is left. */
  protected readonly limits = computed(() => {
    const limits = this.wallet()?.limits;
    if (!limits) return [];
    return [
      { id: 'withdraw-limit', verb: 'Withdrawn', limit: limits.withdraw },
      { id: 'transfer-limit', verb: 'Sent', limit: limits.transfer },
    ];
  });

  protected percentUsed(limit: DailyLimitDto): number {
    return limit.limit > 0 ? Math.min(100, (limit.used / limit.limit) * 100) : 100;
  }

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    const api = this.session.api;
    try {
      const [wallet, history] = await Promise.all([
        api.wallet.getWallet(),
        api.wallet.getTransactions({ page: 1, limit: CHART_POINTS }),
      ]);
      this.wallet.set(wallet);
      this.recent.set(history.items);
    } catch (error) {
      if (!endsSession(error)) this.error.set(describeError(error).message);
    } finally {
      this.loading.set(false);
    }
  }
}
