import { bodyDefect, MAX_JSON_DEPTH } from './json-body';

const nest = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

describe('bodyDefect', () => {
  it('finds nothing wrong with ordinary bodies', () => {
    for (const body of [undefined, null, 1, 'text', {}, { amount: 1 }, { email: 'ß@例え.jp', name: '💸' }]) {
      expect(bodyDefect(body)).toBeUndefined();
    }
  });

  it('allows exactly the depth limit and refuses one more', () => {
    expect(bodyDefect(nest(MAX_JSON_DEPTH))).toBeUndefined();
    expect(bodyDefect(nest(MAX_JSON_DEPTH + 1))).toMatch(/nested/);
  });

  it('walks a body far deeper than the call stack allows without overflowing', () => {
    expect(bodyDefect(nest(200_000))).toMatch(/nested/);
  });

  it('refuses lone surrogates in values and keys, wherever they are', () => {
    expect(bodyDefect({ recipientEmail: '\ud800' })).toMatch(/Unicode/);
    expect(bodyDefect({ a: [{ b: 'x\udfffy' }] })).toMatch(/Unicode/);
    expect(bodyDefect({ ['\ud83d']: 1 })).toMatch(/Unicode/);
  });
});
