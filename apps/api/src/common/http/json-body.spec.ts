import { inputDefect, MAX_JSON_DEPTH } from './json-body';

const nest = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

describe('inputDefect', () => {
  it('finds nothing wrong with ordinary bodies', () => {
    for (const body of [undefined, null, 1, 'text', {}, { amount: 1 }, { email: 'ß@例え.jp', name: '💸' }]) {
      expect(inputDefect(body)).toBeUndefined();
    }
  });

  it('allows exactly the depth limit and refuses one more', () => {
    expect(inputDefect(nest(MAX_JSON_DEPTH))).toBeUndefined();
    expect(inputDefect(nest(MAX_JSON_DEPTH + 1))).toMatch(/nested/);
  });

  it('walks a body far deeper than the call stack allows without overflowing', () => {
    expect(inputDefect(nest(200_000))).toMatch(/nested/);
  });

  it('refuses lone surrogates and NUL in values and keys, wherever they are', () => {
    expect(inputDefect({ recipientEmail: '\ud800' })).toMatch(/Unicode/);
    expect(inputDefect({ a: [{ b: 'x\udfffy' }] })).toMatch(/Unicode/);
    expect(inputDefect({ ['\ud83d']: 1 })).toMatch(/Unicode/);
    expect(inputDefect({ reason: 'a\u0000b' })).toMatch(/NUL/);
    expect(inputDefect({ search: ['ok', '\u0000'] })).toMatch(/NUL/);
  });
});
