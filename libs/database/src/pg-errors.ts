import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/** SQLSTATE codes the application reacts to. */
export const PgErrorCode = {
  UNIQUE_VIOLATION: '23505',
  SERIALIZATION_FAILURE: '40001',
  DEADLOCK_DETECTED: '40P01',
  QUERY_CANCELED: '57014',
  LOCK_NOT_AVAILABLE: '55P03',
} as const;

/** The SQLSTATE of a driver error (TypeORM wraps it in a QueryFailedError with `driverError`). */
export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate.driverError?.code ?? candidate.code;
  return typeof code === 'string' ? code : undefined;
}

/** Deadlocks and serialization failures: the transaction can simply be run again (docs/design.md §2). */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code === PgErrorCode.SERIALIZATION_FAILURE || code === PgErrorCode.DEADLOCK_DETECTED;
}

/**
 * Contention the database gave up on: a deadlock or serialization failure still there after the
 * retries, a statement past `statement_timeout`, a lock not available. Nothing was committed and
 * trying again later may succeed: answered 503 with Retry-After, never 500 (docs/design.md §2).
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = pgErrorCode(error);
  return (
    isRetryableTransactionError(error) ||
    code === PgErrorCode.QUERY_CANCELED ||
    code === PgErrorCode.LOCK_NOT_AVAILABLE
  );
}

/**
 * Errors meaning Postgres itself is unreachable or went away (connection refused, terminated by
 * the administrator, shutting down), answered 503 rather than 500.
 *
 * When a pooled connection dies between two statements of a transaction (idle in transaction),
 * TypeORM releases its query runner at once, and the transaction's next statement or its COMMIT
 * fails with one of the "already released" errors instead of a driver error. Postgres has rolled
 * the transaction back by then, so it is the same outage, safe to retry with the same key.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  if (
    error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError
  ) {
    return true;
  }
  const code = pgErrorCode(error);
  if (code !== undefined && /^(08|57P0[1-3]|53300)/.test(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}
