export * from './outbox-jobs';
export * from './outbox.repository';
export * from './queue-options';
export * from './queues';
export * from './messaging.module';
export * from './webhook-events';
export * from './webhook-jobs';
export * from './webhook-urls';
