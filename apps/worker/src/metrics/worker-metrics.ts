import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, InjectConfig, MetricsServer } from '@wallet/config';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The worker's Prometheus metrics, in a registry of this application's own (tests start several
 * in one process), served on WORKER_METRICS_PORT when it is set.
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly registry = new Registry();
  private server: MetricsServer | null = null;

  readonly jobsCompleted = new Counter({
    name: 'jobs_completed_total',
    help: 'Jobs processed successfully, by queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  /** Every failed attempt; `final` says whether the job was given up on (no retry left). */
  readonly jobsFailed = new Counter({
    name: 'jobs_failed_total',
    help: 'Job attempts that failed, by queue and by whether the job was given up on (final="true")',
    labelNames: ['queue', 'final'] as const,
    registers: [this.registry],
  });

  readonly mailSendDuration = new Histogram({
    name: 'mail_send_duration_seconds',
    help: 'Time the SMTP server took to take (outcome="sent") or refuse (outcome="failed") a message',
    labelNames: ['outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly relayLag = new Histogram({
    name: 'outbox_relay_lag_seconds',
    help: "Seconds between an outbox row's commit by the API and its relay into the queues",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  constructor(@InjectConfig() private readonly config: AppConfig) {
    collectDefaultMetrics({ register: this.registry });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { host, workerPort } = this.config.metrics;
    if (workerPort !== 0) this.server = await MetricsServer.start(this.registry, host, workerPort);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }
}
