import { centsToDecimal, formatCents, parseDollarsToCents } from './money';

describe('formatCents', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [1234, '$12.34'],
    [100_000_000, '$1,000,000.00'],
    [-250, '-$2.50'],
    [Number.MAX_SAFE_INTEGER, '$90,071,992,547,409.91'],
  ])('%i cents is %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it('refuses fractions of a cent', () => {
    expect(() => formatCents(1.5)).toThrow(RangeError);
  });
});

describe('centsToDecimal', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [1234, '12.34'],
    [-1234, '-12.34'],
    [100_000_000, '1000000.00'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%i cents is %s', (cents, text) => {
    expect(centsToDecimal(cents)).toBe(text);
  });

  it('refuses fractions of a cent', () => {
    expect(() => centsToDecimal(0.5)).toThrow(RangeError);
  });
});

describe('parseDollarsToCents', () => {
  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    ['0.01', 1],
    ['.5', 50],
    ['$1,234.56', 123_456],
    [' 7.00 ', 700],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['1000000.00', 100_000_000],
  ])('%s is %i cents', (text, cents) => {
    expect(parseDollarsToCents(text)).toBe(cents);
  });

  it.each(['', '.', '$', 'abc', '1.234', '-5', '1e3', '12,34', '1,2345.00', '99999999999999999'])(
    'refuses %p',
    (text) => {
      expect(parseDollarsToCents(text)).toBeNull();
    },
  );
});
