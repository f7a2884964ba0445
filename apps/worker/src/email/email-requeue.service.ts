import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@wallet/config';
import { JOB_OPTIONS } from '@wallet/messaging';
import { QueueName } from '@wallet/shared';
import { Queue } from 'bullmq';
import { RequeuePass, type RequeuedJob } from '../queues/requeue-pass';
import { EmailDeliveryRepository } from './email-delivery.repository';

/**
 * Puts due undelivered emails back into BullMQ from Postgres (docs/design.md §6), every
 * `EMAIL_REQUEUE_INTERVAL_MS`: a job lost or failed in BullMQ is added again under its id, one
 * delayed past an admin's resend is promoted.
 */
@Injectable()
export class EmailRequeueService extends RequeuePass {
  protected readonly jobOptions = JOB_OPTIONS[QueueName.EMAIL];

  constructor(
    @InjectQueue(QueueName.EMAIL) queue: Queue,
    private readonly deliveries: EmailDeliveryRepository,
    @InjectConfig() config: AppConfig,
  ) {
    super(queue, config.emailRetry.requeueIntervalMs, 'email');
  }

  protected async due(limit: number): Promise<RequeuedJob[]> {
    return (await this.deliveries.due(limit)).map((email) => ({
      id: email.id,
      name: email.kind,
      data: email.payload,
      label: `email ${email.id} (${email.kind})`,
    }));
  }
}
