import { ApiError } from '@wallet/sdk';
import { ErrorCode } from '@wallet/shared';

/**
 * Whether the outcome of a money request is unknown, so that sending the same submission again
 * must reuse its Idempotency-Key (docs/design.md §3): the request may have moved money without us seeing
 * the answer (network error, 5xx), or is still running (409 IDEMPOTENCY_KEY_IN_USE). Any other
 * answer is definitive (success, a refusal, a validation error): the next submission is new.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true; // fetch failed: no answer at all
  if (error.status >= 500) return true;
  const code = (error.body as { code?: unknown } | undefined)?.code;
  return error.status === 409 && code === ErrorCode.IDEMPOTENCY_KEY_IN_USE;
}

/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only in secure contexts (HTTPS or
 * localhost); a console opened over plain HTTP on another host builds one from
 * `crypto.getRandomValues`, which exists everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A canonical text of a request body: the same fields in any order give the same text. */
function fingerprint(request: unknown): string {
  return JSON.stringify(request, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

/**
 * The Idempotency-Key policy of one money form: each submission gets its own key; retrying the
 * same submission (same body) after an unknown outcome reuses it, so a retry never moves money
 * twice; a changed body or any definitive answer starts a new key.
 */
export class IdempotencyKeys {
  private pending?: { fingerprint: string; key: string };

  constructor(private readonly newKey: () => string = newIdempotencyKey) {}

  /** The key to send with this request body. */
  keyFor(request: unknown): string {
    const print = fingerprint(request);
    if (this.pending?.fingerprint !== print) this.pending = { fingerprint: print, key: this.newKey() };
    return this.pending.key;
  }

  /** Records how the request sent with `keyFor` ended: `undefined` for success, else its error. */
  settle(error?: unknown): void {
    if (error === undefined || !isOutcomeUnknown(error)) this.pending = undefined;
  }
}
