import { compile } from '@fastify/proxy-addr';
import type { AppConfig, TrustProxy } from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEV_JWT_SECRET = 'development-only-jwt-secret-do-not-use-in-production';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

/** Reads variables one by one and collects every problem, so one run reports them all. */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  string(name: string, fallback?: string): string {
    const value = this.optional(name) ?? fallback;
    if (value === undefined) {
      this.problems.push(`${name} is required`);
      return '';
    }
    return value;
  }

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw)) {
      this.problems.push(`${name} must be a whole number, got "${raw}"`);
      return fallback;
    }
    const value = Number(raw);
    if (value < min || value > max) {
      this.problems.push(`${name} must be between ${min} and ${max}, got ${raw}`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const value = this.string(name, fallback);
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
      }
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return value;
  }

  timezone(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
    } catch {
      this.problems.push(`${name} is not an IANA time zone, got "${value}"`);
    }
    return value;
  }
}

const TRUST_PROXY_FORMS =
  'false, true, a hop count, or comma-separated IP addresses, CIDRs and the names loopback, linklocal, uniquelocal';

/**
 * TRUST_PROXY checked here rather than by Fastify, whose proxy-addr would otherwise throw its own
 * stack trace (`invalid IP address: loopbak`) when the first request asks for its address.
 */
function trustProxyOf(read: EnvReader): TrustProxy {
  const raw = read.string('TRUST_PROXY', 'false');
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= 1000) return hops === 0 ? false : hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => {
    try {
      compile(entry);
      return entry === '';
    } catch {
      return true;
    }
  });
  if (bad.length > 0) {
    read.problems.push(
      `TRUST_PROXY must be ${TRUST_PROXY_FORMS}; not understood: ${bad.map((entry) => `"${entry}"`).join(', ')}`,
    );
    return false;
  }
  return entries;
}

/**
 * Builds the typed configuration (docs/design.md §8) from an environment and throws a {@link ConfigError}
 * naming every bad value, so a process with a bad setting stops at once with a clear message.
 */
export function loadConfig(env: Env): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', NODE_ENVS, 'development');

  const jwtSecret = read.optional('JWT_SECRET');
  if (jwtSecret === undefined && nodeEnv === 'production') {
    read.problems.push('JWT_SECRET is required when NODE_ENV=production');
  } else if (jwtSecret !== undefined && jwtSecret.length < 32) {
    read.problems.push('JWT_SECRET must be at least 32 characters long');
  }

  // Unset, the key is derived from JWT_SECRET (docs/design.md §15): then rotating JWT_SECRET makes
  // every admin enrol again, which setting this key apart avoids.
  const totpEncryptionKey = read.optional('TOTP_ENCRYPTION_KEY');
  if (totpEncryptionKey !== undefined && totpEncryptionKey.length < 32) {
    read.problems.push('TOTP_ENCRYPTION_KEY must be at least 32 characters long (e.g. openssl rand -hex 32)');
  }

  const adminRegistrationSecret = read.optional('ADMIN_REGISTRATION_SECRET');
  if (adminRegistrationSecret !== undefined && adminRegistrationSecret.length < 32) {
    // A right guess makes an admin, who can create money: the secret must not be guessable.
    read.problems.push(
      'ADMIN_REGISTRATION_SECRET must be at least 32 characters long (e.g. openssl rand -hex 32), or unset to disable admin registration',
    );
  }

  const trustProxySecret = read.optional('TRUST_PROXY_SECRET');
  if (trustProxySecret !== undefined && trustProxySecret.length < 32) {
    read.problems.push(
      'TRUST_PROXY_SECRET must be at least 32 characters long (e.g. openssl rand -hex 32), or unset',
    );
  }

  const config: AppConfig = {
    nodeEnv,
    port: read.int('PORT', 8000, 1, 65535),
    databaseUrl: read.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/wallet', [
      'postgres:',
      'postgresql:',
    ]),
    databasePoolSize: read.int('DATABASE_POOL_SIZE', 10, 1, 500),
    redisUrl: read.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisKeyPrefix: read.string('REDIS_KEY_PREFIX', 'wallet:'),
    jwtSecret: jwtSecret ?? DEV_JWT_SECRET,
    sessionIdleTimeoutSeconds: read.int('SESSION_IDLE_TIMEOUT_SECONDS', 30, 1, 86_400),
    sessionMaxAgeSeconds: read.int('SESSION_MAX_AGE_SECONDS', 43_200, 60, 2_592_000),
    adminRegistrationSecret,
    dailyWithdrawLimit: read.int('DAILY_WITHDRAW_LIMIT', 10_000, 0),
    dailyTransferLimit: read.int('DAILY_TRANSFER_LIMIT', 10_000, 0),
    limitsTimezone: read.timezone('LIMITS_TIMEZONE', 'UTC'),
    smtp: {
      host: read.string('SMTP_HOST', '127.0.0.1'),
      port: read.int('SMTP_PORT', 1025, 1, 65535),
      user: read.optional('SMTP_USER'),
      pass: read.optional('SMTP_PASS'),
      secure: read.bool('SMTP_SECURE', false),
    },
    mailFrom: read.string('MAIL_FROM', 'Digital Wallet <no-reply@wallet.local>'),
    emailRetry: {
      baseMs: read.int('EMAIL_RETRY_BASE_MS', 1_000, 10, 3_600_000),
      maxMs: read.int('EMAIL_RETRY_MAX_MS', 900_000, 10, 86_400_000),
      requeueIntervalMs: read.int('EMAIL_REQUEUE_INTERVAL_MS', 10_000, 100, 86_400_000),
    },
    webhooks: {
      allowInsecureUrls: read.bool('WEBHOOK_ALLOW_INSECURE_URLS', false),
      requeueIntervalMs: read.int('WEBHOOK_REQUEUE_INTERVAL_MS', 5_000, 100, 86_400_000),
    },
    cacheTtlSeconds: read.int('CACHE_TTL_SECONDS', 60, 0, 86_400),
    corsOrigins: read
      .string('CORS_ORIGINS', 'http://localhost:3000')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustProxy: trustProxyOf(read),
    trustProxySecret,
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    logFormat: read.oneOf('LOG_FORMAT', ['json', 'pretty'] as const, 'json'),
    metrics: {
      host: read.string('METRICS_HOST', '127.0.0.1'),
      apiPort: read.int('METRICS_PORT', 0, 0, 65535),
      workerPort: read.int('WORKER_METRICS_PORT', 0, 0, 65535),
    },
    adminSecurity: {
      totpRequired: read.bool('ADMIN_TOTP_REQUIRED', false),
      totpEncryptionKey: totpEncryptionKey ?? `totp-key-from-jwt-secret:${jwtSecret ?? DEV_JWT_SECRET}`,
      approvalThreshold: read.int('APPROVAL_THRESHOLD', 100_000, 0, 100_000_000),
    },
    loginRateLimit: {
      windowSeconds: read.int('LOGIN_RATE_WINDOW_SECONDS', 60, 1, 86_400),
      perIp: read.int('LOGIN_RATE_LIMIT_PER_IP', 30, 1),
      perEmail: read.int('LOGIN_RATE_LIMIT_PER_EMAIL', 5, 1),
      registrationsPerIp: read.int('REGISTRATION_RATE_LIMIT_PER_IP', 10, 1),
    },
  };

  if (config.sessionMaxAgeSeconds < config.sessionIdleTimeoutSeconds) {
    read.problems.push('SESSION_MAX_AGE_SECONDS must not be shorter than SESSION_IDLE_TIMEOUT_SECONDS');
  }
  if (config.emailRetry.maxMs < config.emailRetry.baseMs) {
    read.problems.push('EMAIL_RETRY_MAX_MS must not be shorter than EMAIL_RETRY_BASE_MS');
  }
  const { apiPort, workerPort } = config.metrics;
  if (apiPort !== 0 && (apiPort === config.port || apiPort === workerPort)) {
    read.problems.push('METRICS_PORT must differ from PORT and WORKER_METRICS_PORT');
  } else if (workerPort !== 0 && workerPort === config.port) {
    read.problems.push('WORKER_METRICS_PORT must differ from PORT');
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
