/** The two levels an outage is reported at; Nest's `Logger` fits. */
export interface OutageLogger {
  warn(message: string): void;
  log(message: string): void;
}

export interface OutageLogOptions {
  /** Failures for less than this long (a connection still being set up, a blip) are not reported. */
  graceMs?: number;
  /** How often a lasting outage is reported again. */
  remindEveryMs?: number;
  now?: () => number;
}

/**
 * Reports a dependency outage when it starts, a reminder while it lasts and a line when it ends,
 * instead of a warning (let alone a stack trace) on every retry: the relay retries every second,
 * so an hour without Redis would otherwise be thousands of identical lines.
 */
export class OutageLog {
  private readonly graceMs: number;
  private readonly remindEveryMs: number;
  private readonly now: () => number;
  private downSince: number | null = null;
  private lastReportAt: number | null = null;

  constructor(
    private readonly logger: OutageLogger,
    private readonly dependency: string,
    options: OutageLogOptions = {},
  ) {
    this.graceMs = options.graceMs ?? 0;
    this.remindEveryMs = options.remindEveryMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  get isDown(): boolean {
    return this.downSince !== null;
  }

  failed(error: unknown): void {
    const now = this.now();
    const reason = messageOf(error);
    this.downSince ??= now;
    if (now - this.downSince < this.graceMs) return;
    if (this.lastReportAt === null) {
      this.lastReportAt = now;
      this.logger.warn(`${this.dependency} unavailable (${reason}); retrying`);
    } else if (now - this.lastReportAt >= this.remindEveryMs) {
      this.lastReportAt = now;
      this.logger.warn(`${this.dependency} still unavailable after ${this.seconds(now)} s (${reason})`);
    }
  }

  succeeded(): void {
    if (this.downSince === null) return;
    const reported = this.lastReportAt !== null;
    const seconds = this.seconds(this.now());
    this.downSince = null;
    this.lastReportAt = null;
    if (reported) this.logger.log(`${this.dependency} available again after ${seconds} s`);
  }

  private seconds(now: number): number {
    return Math.round((now - (this.downSince ?? now)) / 1_000);
  }
}

/** An error's message; also for errors made in another realm (Node internals under Jest), which fail `instanceof Error`. */
export function messageOf(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message;
  }
  return String(error);
}
