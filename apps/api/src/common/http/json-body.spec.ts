import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-body';

const nest = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

describe('nestedDeeperThan', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(nestedDeeperThan(1, 0)).toBe(false);
    expect(nestedDeeperThan(null, 0)).toBe(false);
    expect(nestedDeeperThan({ amount: 1 }, 1)).toBe(false);
    expect(nestedDeeperThan({ amount: [1] }, 1)).toBe(true);
  });

  it('allows exactly the limit and refuses one more', () => {
    expect(nestedDeeperThan(nest(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestedDeeperThan(nest(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('walks a body far deeper than the call stack allows without overflowing', () => {
    expect(nestedDeeperThan(nest(200_000), MAX_JSON_DEPTH)).toBe(true);
  });
});
