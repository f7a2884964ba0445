/**
 * The console's side of the session idle timeout (docs/design.md §4, §10), free of Angular so it can be
 * unit-tested with fake timers.
 *
 * The API ends a session `timeout` after its last authenticated request; the person should be
 * signed out `timeout` after their last activity (a key, a click, a scroll). The two differ when
 * someone reads a page for a while without making a request, so the timer keeps the server session
 * alive while the person is active:
 * - on activity, when more than half the window has passed since the last request, it refreshes;
 * - shortly before the server would end the session, it refreshes if there was activity since the
 *   last request (activity early in the window, then nothing, must still get its full timeout).
 * With no activity for `timeout`, it calls `onIdle` once and stops.
 */
export interface IdleTimerOptions {
  /** Seconds without activity after which the session ends (`expiresIn` from login/refresh). */
  timeoutSeconds: number;
  /** The person has been idle for the whole timeout. Called once; the timer is stopped. */
  onIdle: () => void;
  /**
   * Keep the server session alive (POST /auth/refresh). The caller reports success through
   * `requestMade()` (any successful authenticated request does); a failed refresh is the caller's
   * to handle.
   */
  onRefresh: () => Promise<unknown>;
}

export class IdleTimer {
  private timeoutMs: number;
  private lastActivity = 0;
  private lastRequest = 0;
  private refreshing = false;
  private running = false;
  private idleHandle?: ReturnType<typeof setTimeout>;
  private keepAliveHandle?: ReturnType<typeof setTimeout>;

  constructor(private readonly options: IdleTimerOptions) {
    this.timeoutMs = IdleTimer.toMs(options.timeoutSeconds);
  }

  private static toMs(seconds: number): number {
    if (!Number.isFinite(seconds) || seconds <= 0) throw new RangeError(`bad timeout: ${seconds}`);
    return seconds * 1000;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts (or restarts) the timer right after a sign-in: both clocks start now. */
  start(): void {
    this.stop();
    this.running = true;
    const now = Date.now();
    this.lastActivity = now;
    this.lastRequest = now;
    this.scheduleIdle(this.timeoutMs);
    this.scheduleKeepAlive();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.idleHandle);
    clearTimeout(this.keepAliveHandle);
    this.idleHandle = this.keepAliveHandle = undefined;
  }

  /** A new `expiresIn` from a refresh; applies from now on. */
  setTimeoutSeconds(seconds: number): void {
    const timeoutMs = IdleTimer.toMs(seconds);
    if (timeoutMs === this.timeoutMs) return;
    this.timeoutMs = timeoutMs;
    if (!this.running) return;
    clearTimeout(this.idleHandle);
    this.scheduleIdle(Math.max(0, this.lastActivity + timeoutMs - Date.now()));
    this.scheduleKeepAlive();
  }

  /** The person did something. Cheap: safe to call on every key press or pointer move. */
  activity(): void {
    if (!this.running) return;
    const now = Date.now();
    this.lastActivity = now;
    if (now - this.lastRequest > this.timeoutMs / 2) this.refresh();
  }

  /** An authenticated request succeeded: the server's idle clock restarted. */
  requestMade(): void {
    if (!this.running) return;
    this.lastRequest = Date.now();
    this.scheduleKeepAlive();
  }

  /** How long before the server's deadline the keep-alive check runs. */
  private get marginMs(): number {
    return Math.min(this.timeoutMs / 4, 5_000);
  }

  private scheduleIdle(delayMs: number): void {
    this.idleHandle = setTimeout(() => this.checkIdle(), delayMs);
  }

  private checkIdle(): void {
    if (!this.running) return;
    const remaining = this.lastActivity + this.timeoutMs - Date.now();
    if (remaining > 0) {
      // There was activity since this was scheduled: wait for the rest of the new window.
      this.scheduleIdle(remaining);
      return;
    }
    this.stop();
    this.options.onIdle();
  }

  private scheduleKeepAlive(): void {
    clearTimeout(this.keepAliveHandle);
    const delay = Math.max(0, this.lastRequest + this.timeoutMs - this.marginMs - Date.now());
    this.keepAliveHandle = setTimeout(() => {
      if (this.running && this.lastActivity > this.lastRequest) this.refresh();
    }, delay);
  }

  private refresh(): void {
    if (this.refreshing) return;
    this.refreshing = true;
    this.options
      .onRefresh()
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = false;
      });
  }
}
