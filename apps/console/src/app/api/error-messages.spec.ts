import { ApiError } from '@wallet/sdk';
import { ErrorCode } from '@wallet/shared';
import { describeError, endsSession, failureReasonText } from './error-messages';

function apiError(status: number, body: unknown): ApiError {
  return new ApiError(
    { method: 'POST', url: '/api/v1/x' },
    { url: '/api/v1/x', ok: false, status, statusText: '', body },
    'error',
  );
}

const problem = (code: ErrorCode, status: number, extra: object = {}) =>
  apiError(status, { type: 'about:blank', title: 'x', status, detail: 'x', code, ...extra });

describe('describeError', () => {
  it.each(Object.values(ErrorCode))('has a sentence for %s', (code) => {
    const { message } = describeError(problem(code, 400));
    expect(message).toMatch(/^[A-Z].+\.$/);
    expect(message).not.toContain(code);
  });

  it('explains the money refusals in plain words', () => {
    expect(describeError(problem(ErrorCode.INSUFFICIENT_FUNDS, 422)).message).toBe(
      'You do not have enough money in your wallet for this amount.',
    );
    expect(describeError(problem(ErrorCode.DAILY_LIMIT_EXCEEDED, 422), 'withdraw').message).toContain(
      'daily withdrawal limit',
    );
    expect(describeError(problem(ErrorCode.DAILY_LIMIT_EXCEEDED, 422), 'transfer').message).toContain(
      'daily transfer limit',
    );
    expect(describeError(problem(ErrorCode.WALLET_FROZEN, 422)).message).toContain('Your wallet is frozen');
    expect(describeError(problem(ErrorCode.WALLET_FROZEN, 422), 'deposit').message).toContain(
      'This wallet is frozen',
    );
  });

  it('keeps the code', () => {
    expect(describeError(problem(ErrorCode.SELF_TRANSFER, 422)).code).toBe(ErrorCode.SELF_TRANSFER);
  });

  it('lists field errors under their field, worded with the label', () => {
    const error = problem(ErrorCode.VALIDATION_FAILED, 400, {
      errors: [
        { field: 'email', messages: ['email must be a valid email address'] },
        { field: 'password', messages: ['password must be between 8 and 128 characters'] },
        { field: 'amount', messages: ['amount must not be greater than 100000000'] },
      ],
    });
    expect(describeError(error, 'register').fieldErrors).toEqual({
      email: ['Email must be a valid email address.'],
      password: ['Password must be between 8 and 128 characters.'],
      amount: ['Enter an amount between $0.01 and $1,000,000.00.'],
    });
  });

  it('quotes the correlation id of a 500', () => {
    const error = problem(ErrorCode.INTERNAL_ERROR, 500, { correlationId: 'req-42' });
    expect(describeError(error).message).toContain('req-42');
  });

  it('says the server cannot be reached on a network error', () => {
    expect(describeError(new TypeError('Failed to fetch')).message).toMatch(/^Could not reach the server/);
  });

  it('copes with an answer that is not problem+json', () => {
    expect(describeError(apiError(502, '<html>Bad Gateway</html>')).message).toMatch(/not answering/);
    expect(describeError(apiError(418, null)).message).toBe('The request failed (418).');
  });
});

describe('endsSession', () => {
  it('is true for the 401s of an ended session only', () => {
    expect(endsSession(problem(ErrorCode.SESSION_EXPIRED, 401))).toBe(true);
    expect(endsSession(problem(ErrorCode.UNAUTHENTICATED, 401))).toBe(true);
    expect(endsSession(problem(ErrorCode.INVALID_CREDENTIALS, 401))).toBe(false);
    expect(endsSession(problem(ErrorCode.FORBIDDEN, 403))).toBe(false);
    expect(endsSession(new TypeError('Failed to fetch'))).toBe(false);
  });
});

describe('failureReasonText', () => {
  it('words each money rule', () => {
    expect(failureReasonText('DAILY_LIMIT_EXCEEDED')).toBe('Over the daily limit');
    expect(failureReasonText('INSUFFICIENT_FUNDS')).toBe('Not enough money');
    expect(failureReasonText(null)).toBe('');
  });
});
