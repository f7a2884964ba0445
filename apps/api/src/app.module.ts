import { DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AppConfig, AppConfigModule } from '@wallet/config';
import { databaseOptions } from '@wallet/database';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { CacheModule } from './cache/cache.module';
import { EmailsModule } from './emails/emails.module';
import { ProblemFilter } from './common/errors/problem.filter';
import { pinoHttpOptions } from './common/http/logging';
import { UnexpectedBodyInterceptor } from './common/http/unexpected-body.interceptor';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { TransactionsModule } from './common/transactions/transactions.module';
import { RedisModule } from './redis/redis.module';
import { UsersModule } from './users/users.module';
import { WalletModule } from './wallet/wallet.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        // Request lines come from a Fastify hook (logRequests): no per-request middleware.
        LoggerModule.forRoot({ pinoHttp: pinoHttpOptions(config), forRoutes: [] }),
        TypeOrmModule.forRoot(
          databaseOptions(config, 'wallet-api', (error) =>
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
        TransactionsModule,
        MetricsModule,
        RedisModule,
        CacheModule,
        AuthModule.forRoot(),
        UsersModule,
        WalletModule,
        AdminModule,
        EmailsModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: UnexpectedBodyInterceptor },
      ],
    };
  }
}
