import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { AppConfig } from '@wallet/config';
import { ClsModule } from 'nestjs-cls';
import { databaseOptions } from '../database-options';
import { Database } from './database';
import { UnitOfWork } from './unit-of-work';

/**
 * Postgres for a Nest application, the same in the API and the worker: TypeORM's pool, the
 * request context that carries a unit of work's transaction, and {@link Database} and
 * {@link UnitOfWork} for every module.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot(
          databaseOptions(config, applicationName, (error) =>
            new Logger('Database').warn(`connection lost: ${error.message}`),
          ),
        ),
        ClsModule.forRoot({
          global: true,
          plugins: [
            new ClsPluginTransactional({
              imports: [TypeOrmModule],
              adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
            }),
          ],
        }),
      ],
      providers: [UnitOfWork, Database],
      exports: [UnitOfWork, Database],
    };
  }
}
