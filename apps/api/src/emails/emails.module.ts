import { Module } from '@nestjs/common';
import { EmailDeliveriesController } from './email-deliveries.controller';
import { EmailDeliveriesRepository } from './email-deliveries.repository';
import { EmailDeliveriesService } from './email-deliveries.service';

/** Undelivered mail for admins (docs/design.md §6); the worker sends, this only reads and hands back. */
@Module({
  controllers: [EmailDeliveriesController],
  providers: [EmailDeliveriesService, EmailDeliveriesRepository],
})
export class EmailsModule {}
