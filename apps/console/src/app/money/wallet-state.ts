import { signal } from '@angular/core';
import type { WalletResponseDto } from '@wallet/sdk';
import { describeError, endsSession } from '../api/error-messages';

/**
 * The signed-in user's wallet as a money page shows it beside its form (balance, today's limit,
 * frozen), loaded again after each money move. A failure keeps the wallet last shown and says
 * why; an answer that ends the session is left to the session's own handling.
 */
export class WalletState {
  readonly loaded = signal<WalletResponseDto | null>(null);
  readonly error = signal<string | null>(null);

  constructor(private readonly fetch: () => Promise<WalletResponseDto>) {}

  async load(): Promise<void> {
    try {
      this.loaded.set(await this.fetch());
      this.error.set(null);
    } catch (error) {
      if (!endsSession(error)) this.error.set(describeError(error).message);
    }
  }
}
