export * from './database-options';
export * from './entities/outbox.entity';
export * from './entities/session.entity';
export * from './entities/user.entity';
export * from './entities/wallet.entity';
export * from './pg-errors';
export * from './migrate';
