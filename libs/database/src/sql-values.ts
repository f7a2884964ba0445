/**
 * A `VALUES` list of numbered placeholders for `rows`, and the parameters to bind:
 * `valuesList([[a, b], [c, d]], 3)` → `($3, $4), ($5, $6)` with `[a, b, c, d]`. `casts` (one per
 * column, e.g. `'uuid'`) type the first row's placeholders, which types the whole list.
 */
export function valuesList(
  rows: unknown[][],
  firstParam = 1,
  casts: Array<string | null> = [],
): { sql: string; params: unknown[] } {
  let next = firstParam;
  const sql = rows
    .map(
      (row, r) =>
        `(${row.map((_, c) => `$${next++}${r === 0 && casts[c] ? `::${casts[c]}` : ''}`).join(', ')})`,
    )
    .join(', ');
  return { sql, params: rows.flat() };
}
