import { loadConfig } from '@wallet/config';
import type { Database } from '@wallet/database';
import { ApiMetrics } from './api-metrics';

function metricsWith(rows: () => Promise<unknown[]>) {
  const pool = { totalCount: 5, idleCount: 2, waitingCount: 3 };
  const database = { rows: jest.fn(rows), poolCounts: () => pool } as unknown as Database & {
    rows: jest.Mock;
  };
  return { metrics: new ApiMetrics(loadConfig({}), database), database };
}

const sample = (text: string, name: string) => new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];

describe('ApiMetrics', () => {
  it("reads the pool's counts and one backlog query for both outbox gauges", async () => {
    const { metrics, database } = metricsWith(async () => [{ pending: 4, oldestAgeSeconds: 12.5 }]);
    const text = await metrics.registry.metrics();
    expect(sample(text, 'db_pool_connections_in_use')).toBe('3');
    expect(sample(text, 'db_pool_connections_open')).toBe('5');
    expect(sample(text, 'db_pool_waiting_requests')).toBe('3');
    expect(sample(text, 'outbox_pending_rows')).toBe('4');
    expect(sample(text, 'outbox_oldest_pending_age_seconds')).toBe('12.5');
    await metrics.registry.metrics();
    // Within a second, a second scrape reuses the first one's answer.
    expect(database.rows).toHaveBeenCalledTimes(1);
  });

  it('still serves a scrape when Postgres fails, the outbox gauges reading NaN', async () => {
    const { metrics } = metricsWith(() => Promise.reject(new Error('connection refused')));
    const text = await metrics.registry.metrics();
    // prom-client writes `Nan`, which Prometheus reads as NaN (any case).
    expect(sample(text, 'outbox_pending_rows')).toMatch(/^nan$/i);
    expect(sample(text, 'outbox_oldest_pending_age_seconds')).toMatch(/^nan$/i);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
  });

  it('counts a move that ran by status, a replay and a key conflict apart', async () => {
    const { metrics } = metricsWith(async () => [{ pending: 0, oldestAgeSeconds: null }]);
    metrics.moneyMove('transfer', 'executed', 201);
    metrics.moneyMove('withdraw', 'executed', 422);
    metrics.moneyMove('transfer', 'replayed', 201);
    metrics.moneyMove('deposit', 'in_use', null);
    const text = await metrics.registry.metrics();
    expect(text).toContain('money_moves_total{type="transfer",status="SUCCESS"} 1');
    expect(text).toContain('money_moves_total{type="withdraw",status="FAILED"} 1');
    expect(text).toContain('idempotency_replays_total{type="transfer"} 1');
    expect(text).toContain('idempotency_conflicts_total{type="deposit",reason="in_use"} 1');
    expect(text).not.toContain('money_moves_total{type="transfer",status="FAILED"}');
  });
});
