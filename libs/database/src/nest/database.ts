import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { rowCountOf, rowsOf, type Sql, type SqlConnection } from '../sql';

/**
 * The one way the API and the worker reach Postgres (docs/CONTRIBUTING.md): typed statements
 * ({@link Sql}) run on the connection of the open unit of work ({@link UnitOfWork}) when there is
 * one, and on the pool TypeORM holds otherwise. The same connections and transactions as
 * everything else, with named statements' plans cached per connection.
 */
@Injectable()
export class Database {
  private readonly pool: SqlConnection & Partial<PoolCounts>;

  constructor(
    dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.pool = (dataSource.driver as PostgresDriver).master as SqlConnection & Partial<PoolCounts>;
  }

  /** What node-postgres' pool says of itself, for the metrics (zeros before it is created). */
  poolCounts(): PoolCounts {
    return {
      totalCount: this.pool?.totalCount ?? 0,
      idleCount: this.pool?.idleCount ?? 0,
      waitingCount: this.pool?.waitingCount ?? 0,
    };
  }

  async rows<Row, Params extends readonly unknown[]>(
    statement: Sql<Row, Params>,
    params: Params,
  ): Promise<Row[]> {
    return rowsOf(await this.connection(), statement, params);
  }

  /** The first row, or undefined when there is none. */
  async first<Row, Params extends readonly unknown[]>(
    statement: Sql<Row, Params>,
    params: Params,
  ): Promise<Row | undefined> {
    const [row] = await this.rows(statement, params);
    return row;
  }

  /** How many rows a statement without RETURNING changed. */
  async rowCount<Params extends readonly unknown[]>(
    statement: Sql<never, Params>,
    params: Params,
  ): Promise<number> {
    return rowCountOf(await this.connection(), statement, params);
  }

  /**
   * One page of a list, the rows and their total counted side by side (every list of the API is
   * paged this way, docs/design.md §5).
   */
  async page<Row, Filter extends readonly unknown[]>(
    statements: PagedStatements<Row, Filter>,
    filter: Filter,
    { page, limit }: PageRequest,
  ): Promise<RowsPage<Row>> {
    const [items, [count]] = await Promise.all([
      this.rows(statements.items, [...filter, limit, (page - 1) * limit]),
      this.rows(statements.count, filter),
    ]);
    return { items, total: count.total };
  }

  private async connection(): Promise<SqlConnection> {
    return this.txHost.isTransactionActive()
      ? ((await this.txHost.tx.queryRunner!.connect()) as SqlConnection)
      : this.pool;
  }
}

/** Connections of the pool: open, idle, and queries waiting for one. */
export interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** `?page&limit` of a list: page from 1. */
export interface PageRequest {
  page: number;
  limit: number;
}

/** One page of rows, and how many rows match on all pages. */
export interface RowsPage<Row> {
  items: Row[];
  total: number;
}

/** The two statements of a paged list: its rows (filter, then LIMIT and OFFSET) and their count (filter). */
export interface PagedStatements<Row, Filter extends readonly unknown[]> {
  items: Sql<Row, [...Filter, limit: number, offset: number]>;
  count: Sql<{ total: number }, Filter>;
}
