import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, InjectConfig, ServedMetrics } from '@wallet/config';
import { Counter, Histogram } from 'prom-client';

/** The worker's Prometheus metrics, served on WORKER_METRICS_PORT when it is set. */
@Injectable()
export class WorkerMetrics extends ServedMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
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

  constructor(@InjectConfig() config: AppConfig) {
    super(config.metrics.host, config.metrics.workerPort);
  }
}
