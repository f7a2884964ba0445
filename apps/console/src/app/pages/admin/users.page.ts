import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { AdminUserResponseDto } from '@wallet/sdk';
import { describeError, endsSession } from '../../api/error-messages';
import { MoneyPipe } from '../../money/money.pipe';
import { SessionService } from '../../session/session.service';

/** Wait this long after the last key before searching. */
const SEARCH_DELAY_MS = 300;

/** `/admin/users`: every user and admin, searchable and paged. */
@Component({
  selector: 'app-admin-users-page',
  imports: [
    FormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatTableModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MoneyPipe,
  ],
  templateUrl: './users.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminUsersPage implements OnInit {
  private readonly api = inject(SessionService).api;
  protected readonly columns = ['name', 'email', 'role', 'status', 'balance', 'frozen'];
  protected readonly search = signal('');
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(20);
  protected readonly rows = signal<AdminUserResponseDto[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  private timer?: ReturnType<typeof setTimeout>;
  private request = 0;

  ngOnInit(): void {
    void this.load();
  }

  protected onSearchInput(text: string): void {
    this.search.set(text);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.searchNow(), SEARCH_DELAY_MS);
  }

  protected searchNow(): void {
    clearTimeout(this.timer);
    this.pageIndex.set(0);
    void this.load();
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.load();
  }

  private async load(): Promise<void> {
    const request = ++this.request;
    this.loading.set(true);
    const search = this.search().trim();
    try {
      const page = await this.api.admin.listUsers({
        page: this.pageIndex() + 1,
        limit: this.pageSize(),
        search: search || undefined,
      });
      if (request !== this.request) return;
      this.rows.set(page.items);
      this.total.set(page.total);
      this.error.set(null);
    } catch (error) {
      if (request === this.request && !endsSession(error))
        this.error.set(describeError(error, 'admin').message);
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }
}
