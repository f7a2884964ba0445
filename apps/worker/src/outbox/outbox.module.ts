import { Module } from '@nestjs/common';
import { OutboxJobProducer } from './outbox-job.producer';
import { OutboxRelayService } from './outbox-relay.service';
import { MessagingModule } from '@wallet/messaging';

/** Relays the API's outbox rows into BullMQ (docs/design.md §6). */
@Module({
  imports: [MessagingModule],
  providers: [OutboxJobProducer, OutboxRelayService],
})
export class OutboxModule {}
