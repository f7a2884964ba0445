import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule, loggerOptions } from '@wallet/config';
import { DatabaseModule } from '@wallet/database';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { CleanupModule } from './cleanup/cleanup.module';
import { EmailModule } from './email/email.module';
import { MetricsModule } from './metrics/metrics.module';
import { OutboxModule } from './outbox/outbox.module';
import { workerQueueOptions } from '@wallet/messaging';
import { TransactionLogModule } from './transaction-log/transaction-log.module';

export interface WorkerModuleOptions {
  /** Where logs go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

/**
 * The worker process (docs/design.md §1, §6): relays the outbox into BullMQ, sends emails, logs
 * transaction results and cleans up expired rows. Stateless, so any number can run side by side.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: WorkerModuleOptions = {}): DynamicModule {
    const pinoOptions = loggerOptions(options.logDestination ? { ...config, logFormat: 'json' } : config);
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: options.logDestination ? [pinoOptions, options.logDestination] : pinoOptions,
        }),
        DatabaseModule.forRoot(config, 'wallet-worker'),
        BullModule.forRoot(workerQueueOptions(config)),
        MetricsModule,
        OutboxModule,
        EmailModule,
        TransactionLogModule,
        CleanupModule,
      ],
    };
  }
}
