import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@wallet/config';
import { JOB_OPTIONS, webhookJobId } from '@wallet/messaging';
import { JobName, QueueName } from '@wallet/shared';
import { Queue } from 'bullmq';
import { RequeuePass, type RequeuedJob } from '../queues/requeue-pass';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

/**
 * Puts due webhook deliveries back into BullMQ from Postgres (docs/design.md §14), every
 * `WEBHOOK_REQUEUE_INTERVAL_MS`, as the email re-enqueue does for mail (§6): a job lost in BullMQ,
 * or done with there although the row is pending (an admin's retry, an endpoint enabled again), is
 * added again under its id; one delayed is promoted.
 */
@Injectable()
export class WebhookRequeueService extends RequeuePass {
  protected readonly jobOptions = JOB_OPTIONS[QueueName.WEBHOOK];

  constructor(
    @InjectQueue(QueueName.WEBHOOK) queue: Queue,
    private readonly deliveries: WebhookDeliveryRepository,
    @InjectConfig() config: AppConfig,
  ) {
    super(queue, config.webhooks.requeueIntervalMs, 'webhook');
  }

  protected async due(limit: number): Promise<RequeuedJob[]> {
    return (await this.deliveries.due(limit)).map((due) => ({
      id: webhookJobId(due.deliveryId),
      name: JobName.WEBHOOK_DELIVERY,
      data: due,
      label: `webhook delivery ${due.deliveryId}`,
    }));
  }
}
