import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig, AppConfigModule } from '@wallet/config';
import { DatabaseModule } from '@wallet/database';
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
        DatabaseModule.forRoot(config, 'wallet-api'),
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
