import { Global, Module } from '@nestjs/common';
import { WorkerMetrics } from './worker-metrics';

/** The worker's metrics, recorded by the processors and the relay (see WorkerMetrics). */
@Global()
@Module({ providers: [WorkerMetrics], exports: [WorkerMetrics] })
export class MetricsModule {}
