import { canonicalJson, isValidIdempotencyKey, requestFingerprint } from './fingerprint';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('drops undefined members as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });
});

describe('requestFingerprint (docs/design.md §3.3)', () => {
  const fingerprint = (body: unknown, path = '/api/v1/wallet/withdraw', method = 'POST') =>
    requestFingerprint(method, path, body);

  it('is the same for the same request, whatever the key order', () => {
    expect(fingerprint({ amount: 100, recipientEmail: 'a@b.c' })).toBe(
      fingerprint({ recipientEmail: 'a@b.c', amount: 100 }),
    );
  });

  it('differs when the body, the route or the method differs', () => {
    const base = fingerprint({ amount: 100 });
    expect(fingerprint({ amount: 101 })).not.toBe(base);
    expect(fingerprint({ amount: 100 }, '/api/v1/wallet/transfer')).not.toBe(base);
    expect(fingerprint({ amount: 100 }, '/api/v1/wallet/withdraw', 'PUT')).not.toBe(base);
    expect(fingerprint({ amount: '100' })).not.toBe(base);
  });

  it('is a SHA-256 hex digest', () => {
    expect(fingerprint({})).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('isValidIdempotencyKey (docs/design.md §3.1)', () => {
  it.each(['a', 'order-42', ' spaced key ', '~!@#$%^&*()', 'x'.repeat(255)])('accepts %p', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(true);
  });

  it.each(['', 'x'.repeat(256), 'tab\there', 'naïve', 'line\nbreak', '\u0000'])('refuses %p', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(false);
  });
});
