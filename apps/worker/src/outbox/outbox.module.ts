import { Module } from '@nestjs/common';
import { OutboxJobProducer } from './outbox-job.producer';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

/** Relays the API's outbox rows into BullMQ (docs/design.md §6). */
@Module({
  providers: [OutboxRepository, OutboxJobProducer, OutboxRelayService],
})
export class OutboxModule {}
