export * from './database-options';
export * from './entities/session.entity';
export * from './entities/user.entity';
export * from './entities/wallet.entity';
export * from './pg-errors';
export * from './migrate';
export * from './ledger';
export * from './sql-values';
