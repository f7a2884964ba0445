import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { SessionService } from './session.service';

/** Pages of a signed-in user (not an admin, who has no wallet). */
export const userGuard: CanActivateFn = () => {
  const session = inject(SessionService);
  const user = session.user();
  if (user?.role === 'user') return true;
  return inject(Router).parseUrl(user ? session.homeUrl() : '/login');
};

/** Pages of a signed-in admin. */
export const adminGuard: CanActivateFn = () => {
  const session = inject(SessionService);
  const user = session.user();
  if (user?.role === 'admin') return true;
  return inject(Router).parseUrl(user ? session.homeUrl() : '/admin/login');
};

/** Sign-in and registration: a signed-in person goes to their home page instead. */
export const guestGuard: CanActivateFn = () => {
  const session = inject(SessionService);
  return session.user() ? inject(Router).parseUrl(session.homeUrl()) : true;
};
