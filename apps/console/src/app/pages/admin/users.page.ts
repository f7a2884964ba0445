import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { AdminUserResponseDto } from '@wallet/sdk';
import { PagedRows } from '../../shared/paged-rows';
import { PagedTable } from '../../shared/paged-table';
import { TextColumn } from '../../shared/text-column';
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
    PagedTable,
    TextColumn,
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
  protected readonly list = new PagedRows<AdminUserResponseDto>('admin');
  protected readonly roleLabel = (user: AdminUserResponseDto) => (user.role === 'admin' ? 'Admin' : 'User');
  protected readonly statusLabel = (user: AdminUserResponseDto) =>
    user.status === 'active' ? 'Active' : 'Inactive';
  /** Admins have no wallet, so nothing to freeze. */
  protected readonly frozenLabel = (user: AdminUserResponseDto) =>
    user.frozen === null ? '—' : user.frozen ? 'Frozen' : 'No';
  private timer?: ReturnType<typeof setTimeout>;

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

  protected load(): Promise<void> {
    const search = this.search().trim();
    const query = { page: this.pageIndex() + 1, limit: this.pageSize(), search: search || undefined };
    return this.list.fetch(() => this.api.admin.listUsers(query));
  }
}
