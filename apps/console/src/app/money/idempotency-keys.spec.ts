import { ApiError } from '@wallet/sdk';
import { IdempotencyKeys, isOutcomeUnknown, newIdempotencyKey } from './idempotency-keys';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function apiError(status: number, code?: string): ApiError {
  return new ApiError(
    { method: 'POST', url: '/api/v1/wallet/withdraw' },
    { url: '/api/v1/wallet/withdraw', ok: false, status, statusText: '', body: code ? { code, status } : '' },
    'error',
  );
}

describe('isOutcomeUnknown', () => {
  it.each([
    ['a network error', new TypeError('Failed to fetch')],
    ['a 500', apiError(500, 'INTERNAL_ERROR')],
    ['a 502 from the proxy', apiError(502)],
    ['a 503', apiError(503, 'SERVICE_UNAVAILABLE')],
    ['a 409 IDEMPOTENCY_KEY_IN_USE', apiError(409, 'IDEMPOTENCY_KEY_IN_USE')],
  ])('is true for %s', (_label, error) => {
    expect(isOutcomeUnknown(error)).toBe(true);
  });

  it.each([
    ['a refusal', apiError(422, 'INSUFFICIENT_FUNDS')],
    ['a validation error', apiError(400, 'VALIDATION_FAILED')],
    ['a reused key', apiError(422, 'IDEMPOTENCY_KEY_REUSED')],
    ['another 409', apiError(409, 'EMAIL_TAKEN')],
    ['an expired session', apiError(401, 'SESSION_EXPIRED')],
    ['a rate limit', apiError(429, 'TOO_MANY_REQUESTS')],
  ])('is false for %s', (_label, error) => {
    expect(isOutcomeUnknown(error)).toBe(false);
  });
});

describe('IdempotencyKeys', () => {
  let counter: number;
  let keys: IdempotencyKeys;

  beforeEach(() => {
    counter = 0;
    keys = new IdempotencyKeys(() => `key-${++counter}`);
  });

  it('gives each new submission its own key', () => {
    expect(keys.keyFor({ amount: 100 })).toBe('key-1');
    keys.settle();
    expect(keys.keyFor({ amount: 100 })).toBe('key-2');
  });

  it.each([
    ['a network error', new TypeError('Failed to fetch')],
    ['a 5xx', apiError(503, 'SERVICE_UNAVAILABLE')],
    ['a request still in flight', apiError(409, 'IDEMPOTENCY_KEY_IN_USE')],
  ])('reuses the key when the same submission is retried after %s', (_label, error) => {
    const first = keys.keyFor({ recipientEmail: 'a@example.com', amount: 100 });
    keys.settle(error);
    expect(keys.keyFor({ amount: 100, recipientEmail: 'a@example.com' })).toBe(first);
    keys.settle(error);
    expect(keys.keyFor({ recipientEmail: 'a@example.com', amount: 100 })).toBe(first);
  });

  it('starts a new key when the body changed after an unknown outcome', () => {
    const first = keys.keyFor({ amount: 100 });
    keys.settle(new TypeError('Failed to fetch'));
    expect(keys.keyFor({ amount: 200 })).not.toBe(first);
  });

  it.each([
    ['success', undefined],
    ['a refusal', apiError(422, 'DAILY_LIMIT_EXCEEDED')],
    ['a validation error', apiError(400, 'VALIDATION_FAILED')],
  ])('starts a new key after %s, even for the same body', (_label, error) => {
    const first = keys.keyFor({ amount: 100 });
    keys.settle(error);
    expect(keys.keyFor({ amount: 100 })).not.toBe(first);
  });

  it('uses random UUIDs by default', () => {
    const real = new IdempotencyKeys();
    const key = real.keyFor({ amount: 1 });
    expect(key).toMatch(UUID_V4);
    real.settle();
    expect(real.keyFor({ amount: 1 })).not.toBe(key);
  });
});

describe('newIdempotencyKey', () => {
  it('makes a v4 UUID without crypto.randomUUID too (plain-HTTP pages lack it)', () => {
    // Shadow the method with an own property, as a browser outside a secure context has none.
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const keys = new Set(Array.from({ length: 100 }, () => newIdempotencyKey()));
      expect(keys.size).toBe(100);
      for (const key of keys) expect(key).toMatch(UUID_V4);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(typeof crypto.randomUUID).toBe('function');
  });
});
