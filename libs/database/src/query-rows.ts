import type { EntityManager } from 'typeorm';

/**
 * Runs raw SQL on `manager` (a transaction's, when there is one) and returns the rows. TypeORM
 * answers UPDATE and DELETE with `[rows, affectedCount]` but other statements with the rows; this
 * hides the difference.
 */
export async function queryRows<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result = await manager.query<T[] | [T[], number]>(sql, params);
  const isUpdateResult = result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
  return isUpdateResult ? (result as [T[], number])[0] : (result as T[]);
}
