/**
 * The one typed configuration object (docs/design.md §8). It is built once from `process.env` at boot;
 * nothing else in the code base reads `process.env`.
 */

export interface SmtpConfig {
  host: string;
  port: number;
  user?: string;
  pass?: string;
  secure: boolean;
}

/** How undelivered emails are retried (docs/design.md §6): for as long as it takes, until an admin gives up. */
export interface EmailRetryConfig {
  /** Delay after the first failed attempt; each further failure doubles it. */
  baseMs: number;
  /** The longest delay between two attempts. */
  maxMs: number;
  /** How often the worker re-enqueues, from Postgres, due emails whose BullMQ job is gone or failed. */
  requeueIntervalMs: number;
}

/** Webhook deliveries to other services (docs/design.md §14). */
export interface WebhookConfig {
  /**
   * Development and tests only: also allow `http:` URLs and loopback, private and link-local
   * addresses. Off, an endpoint must be `https:` and resolve to public addresses only.
   */
  allowInsecureUrls: boolean;
  /** How often the worker re-enqueues, from Postgres, due deliveries whose BullMQ job is gone or done. */
  requeueIntervalMs: number;
}

/**
 * Whose `X-Forwarded-For` to believe: nobody, everybody, the nearest N hops, or the peers matching
 * any of these addresses, CIDRs or proxy-addr names (`loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = boolean | number | string[];

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string;
  /** Connections each process keeps open to Postgres. */
  databasePoolSize: number;
  redisUrl: string;
  /** Prepended to every Redis key, so several deployments (or test runs) can share one Redis. */
  redisKeyPrefix: string;
  jwtSecret: string;
  sessionIdleTimeoutSeconds: number;
  /** Absolute lifetime of a session (and of its tokens), however active it is. */
  sessionMaxAgeSeconds: number;
  /** Unset: admin registration over HTTP is disabled. */
  adminRegistrationSecret?: string;
  dailyWithdrawLimit: number;
  dailyTransferLimit: number;
  limitsTimezone: string;
  smtp: SmtpConfig;
  mailFrom: string;
  emailRetry: EmailRetryConfig;
  webhooks: WebhookConfig;
  /** 0 turns the read cache off (the benchmark measures uncached reads that way). */
  cacheTtlSeconds: number;
  corsOrigins: string[];
  /**
   * Which proxies' `X-Forwarded-For` to believe for the client address (sign-in rate limits per
   * IP): false (none), true (any), a hop count, or comma-separated addresses, CIDRs, `loopback`,
   * `linklocal`, `uniquelocal`.
   */
  trustProxy: TrustProxy;
  /**
   * Set: `X-Forwarded-For` is believed only on requests whose `X-Proxy-Secret` carries it (the
   * console server's), and then still only from the peers `trustProxy` names.
   */
  trustProxySecret?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** JSON lines, or readable ones (`npm start`). */
  logFormat: 'json' | 'pretty';
  /**
   * Attempts allowed per window: sign-ins per client address (admin registrations, which guess a
   * secret, count there too) and per email, and registrations per client address.
   */
  /**
   * Where each process serves Prometheus metrics (`GET /metrics`), apart from the API's port. A port
   * of 0 turns that process's endpoint off, the default: several processes on one host would
   * otherwise fight over one port.
   */
  metrics: {
    host: string;
    /** The API's (`METRICS_PORT`). */
    apiPort: number;
    /** The worker's (`WORKER_METRICS_PORT`). */
    workerPort: number;
  };
  /**
   * docs/design.md §15. `adminTotpRequired`: admins without a second factor may only enrol.
   * `totpEncryptionKey`: what TOTP secrets are encrypted with (and recovery codes keyed by), so a
   * copy of the database alone reveals neither. `approvalThreshold`: deposits above it (cents)
   * need a second admin; 0 turns four eyes off.
   */
  adminSecurity: {
    totpRequired: boolean;
    totpEncryptionKey: string;
    approvalThreshold: number;
  };
  loginRateLimit: {
    windowSeconds: number;
    perIp: number;
    perEmail: number;
    registrationsPerIp: number;
  };
}
