import { computed, DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { LoginResponseDto, UserResponseDto, WalletClient } from '@wallet/sdk';
import { ApiError } from '@wallet/sdk';
import { ErrorCode } from '@wallet/shared';
import { createApiClient, RequestOptions } from '../api/api-client';
import { endsSession, enrolmentRequired } from '../api/error-messages';
import { IdleTimer } from './idle-timer';

interface SessionState {
  token: string;
  expiresIn: number;
  user: UserResponseDto;
}

/** Why a session ended, for the message on the sign-in page. */
export type EndReason = 'signed-out' | 'idle' | 'expired' | 'ended' | 'deactivated';

const NOTICES: Record<Exclude<EndReason, 'signed-out'>, (seconds: number) => string> = {
  idle: (seconds) =>
    `You were signed out because there was no activity for ${seconds} seconds. Sign in again to continue.`,
  expired: () => 'Your session expired. Sign in again to continue.',
  ended: () => 'Your session has ended (you signed out elsewhere or your account changed). Sign in again.',
  deactivated: () =>
    'Your account is deactivated and you have been signed out. An administrator can activate it again.',
};

/** Kept per browser tab, so a reload does not sign the person out; gone when the tab closes. */
const STORAGE_KEY = 'wallet.session';

/** Events that count as the person being active (docs/design.md §10 idle sign-out). */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * The signed-in person, their token and the idle timer; owns the API client so that every request
 * made anywhere keeps the session alive, and any 401 that means the session is over sends the
 * person back to sign in with a message (docs/design.md §4).
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly router = inject(Router);
  private readonly state = signal<SessionState | null>(null);
  private readonly notice = signal<string | null>(null);
  private ending = false;

  readonly user = computed(() => this.state()?.user ?? null);
  readonly isAdmin = computed(() => this.state()?.user.role === 'admin');
  /** The message for the sign-in page: why the last session ended. */
  readonly signInNotice = this.notice.asReadonly();

  readonly api: WalletClient = createApiClient(() => this.state()?.token, {
    succeeded: (options) => this.onRequestSucceeded(options),
    failed: (error, options) => this.onRequestFailed(error, options),
  });

  private readonly idleTimer = new IdleTimer({
    timeoutSeconds: 30,
    onIdle: () => void this.end('idle'),
    onRefresh: () => this.refresh(),
  });

  constructor() {
    const onActivity = () => this.idleTimer.activity();
    for (const event of ACTIVITY_EVENTS)
      document.addEventListener(event, onActivity, { capture: true, passive: true });
    inject(DestroyRef).onDestroy(() => {
      this.idleTimer.stop();
      for (const event of ACTIVITY_EVENTS) document.removeEventListener(event, onActivity, { capture: true });
    });
    this.restore();
  }

  /** Where a signed-in person starts. */
  homeUrl(): string {
    const user = this.user();
    if (!user) return '/login';
    return user.role === 'admin' ? '/admin/users' : '/dashboard';
  }

  /** `totpCode`: an admin's second factor, once they have one (docs/design.md §15). */
  async signIn(
    email: string,
    password: string,
    asAdmin: boolean,
    totpCode?: string,
  ): Promise<UserResponseDto> {
    const answer = asAdmin
      ? await this.api.auth.loginAdmin({
          requestBody: { email, password, ...(totpCode ? { totpCode } : {}) },
        })
      : await this.api.auth.login({ requestBody: { email, password } });
    this.begin(answer);
    return answer.user;
  }

  async register(name: string, email: string, password: string): Promise<UserResponseDto> {
    await this.api.auth.register({ requestBody: { name, email, password } });
    return this.signIn(email, password, false);
  }

  /** The person pressed "Sign out". */
  async signOut(): Promise<void> {
    const wasAdmin = this.isAdmin();
    this.ending = true;
    try {
      await this.api.auth.logout();
    } catch {
      // Signed out here either way; an already-ended session is fine.
    }
    this.clear();
    this.notice.set('You have signed out.');
    await this.router.navigateByUrl(wasAdmin ? '/admin/login' : '/login');
  }

  /** Ends the session on this side (idle, a 401, a deactivation) and goes to the sign-in page. */
  async end(reason: Exclude<EndReason, 'signed-out'>): Promise<void> {
    const current = this.state();
    if (!current) return;
    const wasAdmin = current.user.role === 'admin';
    if (reason === 'idle') {
      this.ending = true;
      // Tell the API too, so the token is dead at once rather than at its own timeout.
      this.api.auth.logout().catch(() => undefined);
    }
    this.clear();
    this.notice.set(NOTICES[reason](current.expiresIn));
    await this.router.navigateByUrl(wasAdmin ? '/admin/login' : '/login');
  }

  clearNotice(): void {
    this.notice.set(null);
  }

  private async refresh(): Promise<void> {
    if (!this.state()) return;
    const answer = await this.api.auth.refresh();
    const current = this.state();
    if (!current) return; // signed out meanwhile
    this.setState({ ...current, token: answer.accessToken, expiresIn: answer.expiresIn, user: answer.user });
    this.idleTimer.setTimeoutSeconds(answer.expiresIn);
  }

  private begin(answer: LoginResponseDto): void {
    this.ending = false;
    this.notice.set(null);
    this.setState({ token: answer.accessToken, expiresIn: answer.expiresIn, user: answer.user });
    this.idleTimer.setTimeoutSeconds(answer.expiresIn);
    this.idleTimer.start();
  }

  private clear(): void {
    this.idleTimer.stop();
    this.state.set(null);
    sessionStorage.removeItem(STORAGE_KEY);
  }

  private setState(state: SessionState): void {
    this.state.set(state);
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  }

  /** A reload keeps the session: the idle clock starts again, and the API says if it is over. */
  private restore(): void {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as SessionState | null;
      if (!saved?.token || !saved.user || !(saved.expiresIn > 0)) return;
      this.state.set(saved);
      this.idleTimer.setTimeoutSeconds(saved.expiresIn);
      this.idleTimer.start();
      this.api.auth.getMe().catch(() => undefined); // a 401 here ends it through the hook
    } catch {
      sessionStorage.removeItem(STORAGE_KEY);
    }
  }

  private isSessionRequest(options: RequestOptions): boolean {
    return !/^\/api\/v1\/auth\/(login|admin\/login|register|admin\/register)$/.test(options.url);
  }

  private onRequestSucceeded(options: RequestOptions): void {
    if (this.state() && this.isSessionRequest(options)) this.idleTimer.requestMade();
  }

  private onRequestFailed(error: unknown, options: RequestOptions): void {
    if (this.state() && enrolmentRequired(error)) {
      // ADMIN_TOTP_REQUIRED: nothing but enrolment until the second factor is on (docs/design.md §15).
      void this.router.navigateByUrl('/admin/security');
      return;
    }
    if (!this.state() || this.ending || !this.isSessionRequest(options) || !endsSession(error)) return;
    const { code } = (error as ApiError).body as { code?: string };
    void this.end(code === ErrorCode.SESSION_EXPIRED ? 'expired' : 'ended');
  }
}
