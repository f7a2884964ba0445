import { ConfigError, loadConfig } from './load-config';

describe('loadConfig (DESIGN §8)', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/wallet',
      redisUrl: 'redis://127.0.0.1:6379',
      sessionIdleTimeoutSeconds: 30,
      dailyWithdrawLimit: 10_000,
      dailyTransferLimit: 10_000,
      limitsTimezone: 'UTC',
      cacheTtlSeconds: 60,
      corsOrigins: ['http://localhost:3000'],
      adminRegistrationSecret: undefined,
      metrics: { host: '127.0.0.1', apiPort: 0, workerPort: 0 },
    });
  });

  it('reads the metrics endpoints, each process its own port, apart from the API', () => {
    expect(
      loadConfig({ METRICS_HOST: '0.0.0.0', METRICS_PORT: '9464', WORKER_METRICS_PORT: '9465' }).metrics,
    ).toEqual({ host: '0.0.0.0', apiPort: 9464, workerPort: 9465 });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ METRICS_PORT: '70000' })).toEqual([
      'METRICS_PORT must be between 0 and 65535, got 70000',
    ]);
    expect(problems({ METRICS_PORT: 'x' })).toEqual(['METRICS_PORT must be a whole number, got "x"']);
    expect(problems({ PORT: '9464', METRICS_PORT: '9464' })).toEqual([
      'METRICS_PORT must differ from PORT and WORKER_METRICS_PORT',
    ]);
    expect(problems({ METRICS_PORT: '9464', WORKER_METRICS_PORT: '9464' })).toEqual([
      'METRICS_PORT must differ from PORT and WORKER_METRICS_PORT',
    ]);
    expect(problems({ WORKER_METRICS_PORT: '8000' })).toEqual(['WORKER_METRICS_PORT must differ from PORT']);
  });

  it('reads and converts values', () => {
    const config = loadConfig({
      PORT: '9000',
      SESSION_IDLE_TIMEOUT_SECONDS: '5',
      SMTP_SECURE: 'true',
      CORS_ORIGINS: 'http://a.test, http://b.test',
      LIMITS_TIMEZONE: 'America/New_York',
    });
    expect(config).toMatchObject({
      port: 9000,
      sessionIdleTimeoutSeconds: 5,
      smtp: expect.objectContaining({ secure: true }),
      corsOrigins: ['http://a.test', 'http://b.test'],
      limitsTimezone: 'America/New_York',
    });
  });

  it('reports every bad value at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DAILY_WITHDRAW_LIMIT: '-1',
        LIMITS_TIMEZONE: 'Mars/Base',
        REDIS_URL: 'http://x',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT must be a whole number, got "eighty"',
      'REDIS_URL must use redis: or rediss:, got "http:"',
      'DAILY_WITHDRAW_LIMIT must be between 0 and 9007199254740991, got -1',
      'LIMITS_TIMEZONE is not an IANA time zone, got "Mars/Base"',
    ]);
  });

  it('requires a strong JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      'JWT_SECRET is required when NODE_ENV=production',
    );
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow('at least 32 characters');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
  });
});
