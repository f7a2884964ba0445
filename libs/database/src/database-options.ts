import type { AppConfig } from '@wallet/config';
import { Client, type ClientConfig, types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import { WalletEntity } from './entities/wallet.entity';
import { UsersWalletsSessions1764200000000 } from './migrations/1764200000000-users-wallets-sessions';
import { LedgerAndIdempotency1764300000000 } from './migrations/1764300000000-ledger-and-idempotency';
import { Outbox1764400000000 } from './migrations/1764400000000-outbox';
import { AuditLog1764500000000 } from './migrations/1764500000000-audit-log';
import { MoneyMovesInOneRoundTrip1764600000000 } from './migrations/1764600000000-money-moves-in-one-round-trip';
import { NormalizedEmails1764650000000 } from './migrations/1764650000000-normalized-emails';
import { EmailDeliveries1764700000000 } from './migrations/1764700000000-email-deliveries';
import { Corrections1764800000000 } from './migrations/1764800000000-corrections';
import { Webhooks1764860000000 } from './migrations/1764860000000-webhooks';
import { AdminSecurity1764950000000 } from './migrations/1764950000000-admin-security';

// bigint columns hold cents and counts. They stay far below 2^53, so they are read as numbers
// rather than strings (docs/design.md §2: a safe integer in JSON).
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

export const ENTITIES = [UserEntity, WalletEntity, SessionEntity];

export const MIGRATIONS = [
  UsersWalletsSessions1764200000000,
  LedgerAndIdempotency1764300000000,
  Outbox1764400000000,
  AuditLog1764500000000,
  MoneyMovesInOneRoundTrip1764600000000,
  NormalizedEmails1764650000000,
  EmailDeliveries1764700000000,
  Corrections1764800000000,
  Webhooks1764860000000,
  AdminSecurity1764950000000,
];

/**
 * Every connection of the pool, with a listener for its own 'error' events. The pool listens only
 * to idle connections; one that is checked out when Postgres ends it (a restart, a failover,
 * `pg_terminate_backend`) emitted an 'error' nobody heard, which ended the process. Now the
 * statement running on it fails (answered 503), and the pool drops it when it is released.
 */
export function clientWithErrorListener(onError: (error: Error) => void): typeof Client {
  return class extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      this.on('error', onError);
    }
  };
}

export function databaseOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize'>,
  applicationName: string,
  onConnectionError: (error: Error) => void = () => undefined,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName,
    extra: {
      Client: clientWithErrorListener(onConnectionError),
      max: config.databasePoolSize,
      connectionTimeoutMillis: 5_000,
      // A statement that runs this long is a bug or an outage; fail it instead of piling up.
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 30_000,
    },
  };
}
