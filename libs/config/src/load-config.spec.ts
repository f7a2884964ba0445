import { ConfigError, loadConfig } from './load-config';

describe('loadConfig (docs/design.md §8)', () => {
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
      emailRetry: { baseMs: 1_000, maxMs: 900_000, requeueIntervalMs: 10_000 },
      webhooks: { allowInsecureUrls: false, requeueIntervalMs: 5_000 },
      metrics: { host: '127.0.0.1', apiPort: 0, workerPort: 0 },
    });
  });

  it('reads the webhook settings: insecure URLs only when asked for', () => {
    expect(
      loadConfig({ WEBHOOK_ALLOW_INSECURE_URLS: 'true', WEBHOOK_REQUEUE_INTERVAL_MS: '250' }).webhooks,
    ).toEqual({ allowInsecureUrls: true, requeueIntervalMs: 250 });
    expect(() => loadConfig({ WEBHOOK_ALLOW_INSECURE_URLS: 'sometimes' })).toThrow(
      'WEBHOOK_ALLOW_INSECURE_URLS must be true or false',
    );
  });

  it('reads the email retry settings, and refuses a maximum below the base delay', () => {
    expect(
      loadConfig({ EMAIL_RETRY_BASE_MS: '50', EMAIL_RETRY_MAX_MS: '200', EMAIL_REQUEUE_INTERVAL_MS: '500' })
        .emailRetry,
    ).toEqual({ baseMs: 50, maxMs: 200, requeueIntervalMs: 500 });
    expect(() => loadConfig({ EMAIL_RETRY_BASE_MS: '5000', EMAIL_RETRY_MAX_MS: '1000' })).toThrow(
      'EMAIL_RETRY_MAX_MS must not be shorter than EMAIL_RETRY_BASE_MS',
    );
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

describe('TRUST_PROXY and TRUST_PROXY_SECRET', () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('accepts false, true, a hop count, addresses, CIDRs and the proxy-addr names', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'TRUE' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(
      loadConfig({ TRUST_PROXY: 'loopback, linklocal,uniquelocal, 172.28.0.10, 10.0.0.0/8, ::1, fd00::/8' })
        .trustProxy,
    ).toEqual(['loopback', 'linklocal', 'uniquelocal', '172.28.0.10', '10.0.0.0/8', '::1', 'fd00::/8']);
  });

  it('refuses anything else at boot, naming TRUST_PROXY', () => {
    const expected = (bad: string) =>
      'TRUST_PROXY must be false, true, a hop count, or comma-separated IP addresses, CIDRs and the ' +
      `names loopback, linklocal, uniquelocal; not understood: ${bad}`;
    expect(problemsOf({ TRUST_PROXY: 'loopbak' })).toEqual([expected('"loopbak"')]);
    expect(problemsOf({ TRUST_PROXY: 'loopback, 10.0.0.300, 10.0.0.0/40' })).toEqual([
      expected('"10.0.0.300", "10.0.0.0/40"'),
    ]);
    expect(problemsOf({ TRUST_PROXY: 'loopback,,::1' })).toEqual([expected('""')]);
    expect(problemsOf({ TRUST_PROXY: 'yes please' })).toEqual([expected('"yes please"')]);
  });

  it('takes a TRUST_PROXY_SECRET of 32 characters or more', () => {
    expect(loadConfig({}).trustProxySecret).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY_SECRET: 'x'.repeat(32) }).trustProxySecret).toBe('x'.repeat(32));
    expect(problemsOf({ TRUST_PROXY_SECRET: 'short' })).toEqual([
      'TRUST_PROXY_SECRET must be at least 32 characters long (e.g. openssl rand -hex 32), or unset',
    ]);
  });
});
