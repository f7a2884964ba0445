import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, configFromProcessEnv } from '@wallet/config';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * How long a stop may take. Jobs in progress are given this long to finish; one still running
 * after it is abandoned, and BullMQ hands it to another worker once its lock expires.
 */
const SHUTDOWN_TIMEOUT_MS = 25_000;

async function main(): Promise<void> {
  const config = configFromProcessEnv();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  stopGracefullyOn(app, ['SIGTERM', 'SIGINT']);
  app.get(Logger).log('worker started');
}

/**
 * Closes the application on a signal: the relay stops, workers finish their jobs in progress,
 * connections close, and the process then exits by itself with status 0 (nothing left running).
 * Nest's `enableShutdownHooks` would instead re-raise the signal, which ends the process with
 * status 143 and reads as a failure to process managers and to `scripts/start.mts`.
 */
function stopGracefullyOn(app: INestApplicationContext, signals: NodeJS.Signals[]): void {
  const logger = app.get(Logger);
  const stop = (signal: NodeJS.Signals) => {
    for (const other of signals) process.removeAllListeners(other);
    logger.log(`${signal} received: finishing jobs in progress, then stopping`);
    setTimeout(() => {
      logger.error(`still stopping after ${SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => logger.log('worker stopped'),
      (error: unknown) => {
        logger.error(error);
        process.exit(1);
      },
    );
  };
  for (const signal of signals) process.once(signal, stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
