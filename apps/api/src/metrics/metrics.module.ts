import { Global, Module } from '@nestjs/common';
import { ApiMetrics } from './api-metrics';

/** The API's metrics, recorded by the modules that do the work (see ApiMetrics). */
@Global()
@Module({ providers: [ApiMetrics], exports: [ApiMetrics] })
export class MetricsModule {}
