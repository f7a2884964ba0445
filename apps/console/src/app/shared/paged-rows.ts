import { signal } from '@angular/core';
import { describeError, endsSession, type ErrorContext } from '../api/error-messages';

/** One page of a list as the API answers it. */
export interface RowsPage<T> {
  items: T[];
  total: number;
}

/**
 * The rows of a paged list, with its loading state and error as signals for the template. The
 * latest fetch wins: an older answer that arrives after a newer request (a quick page change, a
 * new search) is dropped. An answer that ends the session is left to the session's own handling.
 */
export class PagedRows<T> {
  readonly rows = signal<T[]>([]);
  readonly total = signal(0);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  private latest = 0;

  constructor(private readonly context?: ErrorContext) {}

  async fetch(load: () => Promise<RowsPage<T>>): Promise<void> {
    const request = ++this.latest;
    this.loading.set(true);
    try {
      const page = await load();
      if (request !== this.latest) return;
      this.rows.set(page.items);
      this.total.set(page.total);
      this.error.set(null);
    } catch (error) {
      if (request === this.latest && !endsSession(error))
        this.error.set(describeError(error, this.context).message);
    } finally {
      if (request === this.latest) this.loading.set(false);
    }
  }
}
