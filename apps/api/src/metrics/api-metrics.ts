import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ServedMetrics } from '@wallet/config';
import { Database, sql } from '@wallet/database';
import { Counter, Gauge, Histogram } from 'prom-client';

/** The money moves as the metrics name them. */
export type MoneyMoveKind = 'withdraw' | 'transfer' | 'deposit' | 'reversal';

const OUTBOX_BACKLOG = sql<{ pending: number; oldestAgeSeconds: number | null }>(
  'metrics_outbox_backlog',
  // Served by the partial index of pending rows (outbox_pending), which a healthy relay keeps
  // near empty: the query costs next to nothing however large the table grows.
  `SELECT count(*)::int AS pending,
          EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS "oldestAgeSeconds"
   FROM outbox WHERE queued_at IS NULL`,
);
/** Several scrapers (or one scraping twice) within this long share one backlog query. */
const BACKLOG_CACHE_MS = 1_000;

/** The API's Prometheus metrics, served on METRICS_PORT when it is set. */
@Injectable()
export class ApiMetrics extends ServedMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private backlog: { at: number; value: Promise<{ pending: number; oldestAgeSeconds: number }> } | null =
    null;

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** Moves that ran, not answers replayed from an earlier run (docs/design.md §3). */
  readonly moneyMoves = new Counter({
    name: 'money_moves_total',
    help: 'Money moves completed, by type and by status (SUCCESS, or FAILED when a rule refused it)',
    labelNames: ['type', 'status'] as const,
    registers: [this.registry],
  });

  readonly idempotencyReplays = new Counter({
    name: 'idempotency_replays_total',
    help: 'Money requests answered with the stored answer of an earlier request with the same key',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly idempotencyConflicts = new Counter({
    name: 'idempotency_conflicts_total',
    help: 'Money requests refused for their Idempotency-Key: in_use (a request with it still running) or reused (with another request)',
    labelNames: ['type', 'reason'] as const,
    registers: [this.registry],
  });

  readonly cacheHits = new Counter({
    name: 'cache_hits_total',
    help: 'Reads served from the Redis read cache, by kind of value',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly cacheMisses = new Counter({
    name: 'cache_misses_total',
    help: 'Reads the Redis read cache could not serve and that were loaded from Postgres, by kind of value',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly database: Database,
  ) {
    super(config.metrics.host, config.metrics.apiPort);
    const pool = () => database.poolCounts();
    new Gauge({
      name: 'db_pool_connections_in_use',
      help: 'Connections of the Postgres pool checked out by a query or transaction',
      registers: [this.registry],
      collect() {
        const counts = pool();
        this.set(counts.totalCount - counts.idleCount);
      },
    });
    new Gauge({
      name: 'db_pool_connections_open',
      help: 'Connections the Postgres pool holds open, in use or idle',
      registers: [this.registry],
      collect() {
        this.set(pool().totalCount);
      },
    });
    new Gauge({
      name: 'db_pool_waiting_requests',
      help: 'Queries waiting for a connection of the Postgres pool',
      registers: [this.registry],
      collect() {
        this.set(pool().waitingCount);
      },
    });
    const outboxBacklog = () => this.outboxBacklog();
    new Gauge({
      name: 'outbox_pending_rows',
      help: 'Outbox rows not yet relayed to the queues',
      registers: [this.registry],
      async collect() {
        this.set((await outboxBacklog()).pending);
      },
    });
    new Gauge({
      name: 'outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox row not yet relayed, 0 when none is pending',
      registers: [this.registry],
      async collect() {
        this.set((await outboxBacklog()).oldestAgeSeconds);
      },
    });
  }

  /** Counts a money move's result: run now, replayed, or refused for its key. */
  moneyMove(
    type: MoneyMoveKind,
    outcome: 'executed' | 'replayed' | 'in_use' | 'reused',
    status: number | null,
  ) {
    switch (outcome) {
      case 'executed':
        this.moneyMoves.inc({ type, status: status === 201 ? 'SUCCESS' : 'FAILED' });
        return;
      case 'replayed':
        this.idempotencyReplays.inc({ type });
        return;
      case 'in_use':
      case 'reused':
        this.idempotencyConflicts.inc({ type, reason: outcome });
        return;
    }
  }

  /**
   * One backlog query for every gauge and scraper within a second. When Postgres cannot answer,
   * both gauges read NaN rather than a stale number, and the rest of the scrape is still served.
   */
  private outboxBacklog(): Promise<{ pending: number; oldestAgeSeconds: number }> {
    if (this.backlog && Date.now() - this.backlog.at < BACKLOG_CACHE_MS) return this.backlog.value;
    const value = this.database.rows(OUTBOX_BACKLOG, []).then(
      ([row]) => ({ pending: row.pending, oldestAgeSeconds: row.oldestAgeSeconds ?? 0 }),
      () => ({ pending: Number.NaN, oldestAgeSeconds: Number.NaN }),
    );
    this.backlog = { at: Date.now(), value };
    return value;
  }
}
