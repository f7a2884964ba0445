import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@wallet/shared';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookRequeueService } from './webhook-requeue.service';
import { WebhookSender } from './webhook-sender';
import { WebhookProcessor } from './webhook.processor';

/** Webhook deliveries to other services (docs/design.md §14). */
@Module({
  // Connection and prefix come from BullModule.forRoot in WorkerModule.
  imports: [BullModule.registerQueue({ name: QueueName.WEBHOOK })],
  providers: [WebhookDeliveryRepository, WebhookSender, WebhookProcessor, WebhookRequeueService],
})
export class WebhookModule {}
