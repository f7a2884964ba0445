import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { SessionService } from './session/session.service';

interface NavLink {
  path: string;
  label: string;
}

const USER_LINKS: NavLink[] = [
  { path: '/dashboard', label: 'Dashboard' },
  { path: '/withdraw', label: 'Withdraw' },
  { path: '/transfer', label: 'Transfer' },
  { path: '/history', label: 'History' },
  { path: '/account', label: 'Account' },
];

const ADMIN_LINKS: NavLink[] = [
  { path: '/admin/users', label: 'Users' },
  { path: '/admin/approvals', label: 'Approvals' },
  { path: '/admin/audit-log', label: 'Audit log' },
  { path: '/admin/emails', label: 'Emails' },
  { path: '/admin/security', label: 'Security' },
  { path: '/admin/webhooks', label: 'Webhooks' },
];

/** The shell: a toolbar (banner), a side navigation once signed in, and the page (main). */
@Component({
  selector: 'app-root',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly session = inject(SessionService);
  protected readonly links = computed(() =>
    this.session.user() ? (this.session.isAdmin() ? ADMIN_LINKS : USER_LINKS) : [],
  );
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 720px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly drawer = viewChild(MatSidenav);

  protected toggleMenu(): void {
    void this.drawer()?.toggle();
  }

  protected closeIfNarrow(): void {
    if (this.narrow()) void this.drawer()?.close();
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected signOut(): void {
    void this.session.signOut();
  }
}
