import { inject } from '@angular/core';
import { Routes } from '@angular/router';
import { adminGuard, guestGuard, userGuard } from './session/guards';
import { SessionService } from './session/session.service';

/** docs/design.md §10. Pages load lazily so the sign-in page stays small. */
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: () => inject(SessionService).homeUrl() },
  {
    path: 'login',
    title: 'Sign in',
    canActivate: [guestGuard],
    data: { admin: false },
    loadComponent: () => import('./pages/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'admin/login',
    title: 'Admin sign in',
    canActivate: [guestGuard],
    data: { admin: true },
    loadComponent: () => import('./pages/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    title: 'Register',
    canActivate: [guestGuard],
    loadComponent: () => import('./pages/register.page').then((m) => m.RegisterPage),
  },
  {
    path: '',
    canActivateChild: [userGuard],
    children: [
      {
        path: 'dashboard',
        title: 'Dashboard',
        loadComponent: () => import('./pages/dashboard.page').then((m) => m.DashboardPage),
      },
      {
        path: 'withdraw',
        title: 'Withdraw',
        loadComponent: () => import('./pages/withdraw.page').then((m) => m.WithdrawPage),
      },
      {
        path: 'transfer',
        title: 'Transfer',
        loadComponent: () => import('./pages/transfer.page').then((m) => m.TransferPage),
      },
      {
        path: 'history',
        title: 'History',
        loadComponent: () => import('./pages/history.page').then((m) => m.HistoryPage),
      },
      {
        path: 'account',
        title: 'Account',
        loadComponent: () => import('./pages/account.page').then((m) => m.AccountPage),
      },
    ],
  },
  {
    path: 'admin',
    canActivateChild: [adminGuard],
    children: [
      {
        path: 'users',
        title: 'Users',
        loadComponent: () => import('./pages/admin/users.page').then((m) => m.AdminUsersPage),
      },
      {
        path: 'users/:id',
        title: 'User',
        loadComponent: () => import('./pages/admin/user-detail.page').then((m) => m.AdminUserDetailPage),
      },
      {
        path: 'audit-log',
        title: 'Audit log',
        loadComponent: () => import('./pages/admin/audit-log.page').then((m) => m.AuditLogPage),
      },
      {
        path: 'approvals',
        title: 'Approvals',
        loadComponent: () => import('./pages/admin/approvals.page').then((m) => m.AdminApprovalsPage),
      },
      {
        path: 'security',
        title: 'Security',
        loadComponent: () => import('./pages/admin/security.page').then((m) => m.AdminSecurityPage),
      },
      {
        path: 'emails',
        title: 'Undelivered emails',
        loadComponent: () => import('./pages/admin/emails.page').then((m) => m.AdminEmailsPage),
      },
      {
        path: 'webhooks',
        title: 'Webhooks',
        loadComponent: () => import('./pages/admin/webhooks.page').then((m) => m.AdminWebhooksPage),
      },
      {
        path: 'webhooks/:id',
        title: 'Webhook deliveries',
        loadComponent: () =>
          import('./pages/admin/webhook-deliveries.page').then((m) => m.AdminWebhookDeliveriesPage),
      },
    ],
  },
  { path: '**', redirectTo: () => inject(SessionService).homeUrl() },
];
