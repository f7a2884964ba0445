import type { LoggerOptions } from 'pino';
import type { AppConfig } from './app-config';

/**
 * Error fields that can carry a query's parameters (passwords, tokens) are never logged, nor the
 * proxy secret (the API removes its header on arrival; this is in case a request is logged whole).
 */
export const LOG_REDACT_PATHS = [
  'err.parameters',
  'err.query',
  'err.driverError.parameters',
  'req.headers["x-proxy-secret"]',
  'request.headers["x-proxy-secret"]',
];

/** What Nest says at start-up, once per module and route: worth a line only at `debug`. */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

/**
 * The pino settings of the API and the worker: JSON lines (production), or with
 * `LOG_FORMAT=pretty` readable ones through pino-pretty (what `npm start` uses). Nest's line per
 * module and per route at start-up is kept for `LOG_LEVEL=debug`.
 */
export function loggerOptions(config: Pick<AppConfig, 'logLevel' | 'logFormat'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: LOG_REDACT_PATHS,
    hooks: {
      logMethod(args, method, level) {
        const context = (args[0] as { context?: unknown } | undefined)?.context;
        const startUp = level === 30 && typeof context === 'string' && START_UP_CONTEXTS.has(context);
        if (startUp && !this.isLevelEnabled('debug')) return;
        method.apply(this, args);
      },
    },
    ...(config.logFormat === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { colorize: true, singleLine: true, ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}
