import { valuesList } from './sql-values';

describe('valuesList', () => {
  it('numbers placeholders row by row from the first parameter', () => {
    expect(
      valuesList(
        [
          ['a', 1],
          ['b', 2],
        ],
        3,
      ),
    ).toEqual({ sql: '($3, $4), ($5, $6)', params: ['a', 1, 'b', 2] });
  });

  it('casts the first row only', () => {
    expect(
      valuesList(
        [
          ['x', 1],
          ['y', 2],
        ],
        1,
        ['uuid', 'bigint'],
      ).sql,
    ).toBe('($1::uuid, $2::bigint), ($3, $4)');
  });
});
