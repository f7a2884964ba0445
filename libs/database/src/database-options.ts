import type { AppConfig } from '@wallet/config';
import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import { WalletEntity } from './entities/wallet.entity';
import { UsersWalletsSessions1764200000000 } from './migrations/1764200000000-users-wallets-sessions';
import { LedgerAndIdempotency1764300000000 } from './migrations/1764300000000-ledger-and-idempotency';
import { Outbox1764400000000 } from './migrations/1764400000000-outbox';
import { AuditLog1764500000000 } from './migrations/1764500000000-audit-log';
import { MoneyMovesInOneRoundTrip1764600000000 } from './migrations/1764600000000-money-moves-in-one-round-trip';

// bigint columns hold cents and counts. They stay far below 2^53, so they are read as numbers
// rather than strings (DESIGN §2: a safe integer in JSON).
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

export const ENTITIES = [UserEntity, WalletEntity, SessionEntity];

export const MIGRATIONS = [
  UsersWalletsSessions1764200000000,
  LedgerAndIdempotency1764300000000,
  Outbox1764400000000,
  AuditLog1764500000000,
  MoneyMovesInOneRoundTrip1764600000000,
];

export function databaseOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize'>,
  applicationName: string,
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
      max: config.databasePoolSize,
      connectionTimeoutMillis: 5_000,
      // A statement that runs this long is a bug or an outage; fail it instead of piling up.
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 30_000,
    },
  };
}
