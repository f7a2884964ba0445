import { Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';

/** The outbox for the modules that write or read it, in the API and the worker alike. */
@Module({
  providers: [OutboxRepository],
  exports: [OutboxRepository],
})
export class MessagingModule {}
