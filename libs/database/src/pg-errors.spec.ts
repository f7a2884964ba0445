import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { isDatabaseUnavailableError, isRetryableTransactionError } from './pg-errors';

const driverError = (code: string, message = 'driver error') => Object.assign(new Error(message), { code });
const queryFailed = (code: string, message?: string) =>
  new QueryFailedError('SELECT 1', [], driverError(code, message));

describe('isDatabaseUnavailableError (503, docs/design.md §5)', () => {
  it.each([
    [
      'a terminated backend (57P01)',
      queryFailed('57P01', 'terminating connection due to administrator command'),
    ],
    ['a refused connection (08001)', driverError('08001')],
    ['too many connections (53300)', driverError('53300')],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
    // The connection died between two statements of a transaction: TypeORM released its runner.
    ['a statement on a released query runner', new QueryRunnerProviderAlreadyReleasedError()],
    ['a COMMIT on a released query runner', new QueryRunnerAlreadyReleasedError()],
  ])('recognises %s', (_, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', queryFailed('23505')],
    ['a deadlock', queryFailed('40P01')],
    ['a programming error', new TypeError('x is undefined')],
    ['a non-error', 'nope'],
  ])('does not take %s for an outage', (_, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});

describe('isRetryableTransactionError (docs/design.md §2)', () => {
  it('retries deadlocks and serialization failures only', () => {
    expect(isRetryableTransactionError(queryFailed('40P01'))).toBe(true);
    expect(isRetryableTransactionError(queryFailed('40001'))).toBe(true);
    expect(isRetryableTransactionError(queryFailed('57P01'))).toBe(false);
  });
});
