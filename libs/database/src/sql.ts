/**
 * A SQL statement with the types of its parameters and rows, kept beside the repository that runs
 * it: the one way this codebase reaches Postgres (docs/CONTRIBUTING.md). Row types are written
 * from the entities and enums of this library, so a renamed column or a changed type fails the
 * build where the row is used, not at run time.
 *
 * A named statement (`sql`) is parsed and planned once per connection and its plan reused (a
 * named prepared statement), where an unnamed one is planned on every call. A statement whose
 * text is assembled per call (optional filters) is unnamed (`dynamicSql`): its text changes, and a
 * name must always stand for one text.
 */
export interface Sql<Row, Params extends readonly unknown[]> {
  readonly name: string | undefined;
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

/** A statement assembled for one call: planned each time, never prepared under a name. */
export function dynamicSql<Row, Params extends readonly unknown[] = unknown[]>(
  text: string,
): Sql<Row, Params> {
  return { name: undefined, text };
}

/** Where statements run: a pool, or the one connection of a transaction (node-postgres). */
export interface SqlConnection {
  query<Row>(config: { name?: string; text: string; values: unknown[] }): Promise<{
    rows: Row[];
    rowCount: number | null;
  }>;
}

export async function rowsOf<Row, Params extends readonly unknown[]>(
  connection: SqlConnection,
  statement: Sql<Row, Params>,
  params: Params,
): Promise<Row[]> {
  return (await resultOf(connection, statement, params)).rows;
}

/** How many rows a statement changed (an UPDATE or DELETE without RETURNING). */
export async function rowCountOf<Params extends readonly unknown[]>(
  connection: SqlConnection,
  statement: Sql<never, Params>,
  params: Params,
): Promise<number> {
  return (await resultOf(connection, statement, params)).rowCount ?? 0;
}

function resultOf<Row, Params extends readonly unknown[]>(
  connection: SqlConnection,
  statement: Sql<Row, Params>,
  params: Params,
) {
  return connection.query<Row>({
    ...(statement.name === undefined ? {} : { name: statement.name }),
    text: statement.text,
    values: [...params],
  });
}
