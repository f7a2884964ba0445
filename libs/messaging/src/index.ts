export * from './outbox-jobs';
export * from './outbox.repository';
export * from './queue-options';
export * from './queues';
export * from './messaging.module';
