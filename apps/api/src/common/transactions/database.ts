import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { rowsOf, type Sql, type SqlConnection } from '@wallet/database';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * Runs named statements ({@link Sql}) on the connection of the request's transaction when one is
 * open (UnitOfWork), and on the pool TypeORM holds otherwise: the same connections and the same
 * transactions as everything else, with plans cached per connection.
 */
@Injectable()
export class Database {
  private readonly pool: SqlConnection;

  constructor(
    dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.pool = (dataSource.driver as PostgresDriver).master as SqlConnection;
  }

  async rows<Row, Params extends readonly unknown[]>(
    statement: Sql<Row, Params>,
    params: Params,
  ): Promise<Row[]> {
    const connection = this.txHost.isTransactionActive()
      ? ((await this.txHost.tx.queryRunner!.connect()) as SqlConnection)
      : this.pool;
    return rowsOf(connection, statement, params);
  }
}
