/**
 * A SQL statement with its name and the types of its parameters and rows, kept beside the
 * repository that runs it. Run by name, it is parsed and planned once per connection and its
 * plan reused (a named prepared statement), where an unnamed one is planned on every call.
 */
export interface Sql<Row, Params extends readonly unknown[]> {
  readonly name: string;
  readonly text: string;
  /** Never set: carries the row and parameter types. */
  readonly types?: { row: Row; params: Params };
}

export function sql<Row, Params extends readonly unknown[] = []>(
  name: string,
  text: string,
): Sql<Row, Params> {
  return { name, text };
}

/** Where statements run: a pool, or the one connection of a transaction (node-postgres). */
export interface SqlConnection {
  query<Row>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

export async function rowsOf<Row, Params extends readonly unknown[]>(
  connection: SqlConnection,
  statement: Sql<Row, Params>,
  params: Params,
): Promise<Row[]> {
  const result = await connection.query<Row>({
    name: statement.name,
    text: statement.text,
    values: [...params],
  });
  return result.rows;
}
