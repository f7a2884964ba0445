import { MailerModule } from '@nestjs-modules/mailer';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { QueueName } from '@wallet/shared';
import { EmailDeliveryRepository } from './email-delivery.repository';
import { EmailRequeueService } from './email-requeue.service';
import { EmailProcessor } from './email.processor';

/** The email queue's processor and the SMTP mailer it sends through (docs/design.md §6, SMTP_* of §8). */
@Module({
  imports: [
    // Connection and prefix come from BullModule.forRoot in WorkerModule.
    BullModule.registerQueue({ name: QueueName.EMAIL }),
    MailerModule.forRootAsync({
      imports: [],
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        transport: {
          host: config.smtp.host,
          port: config.smtp.port,
          secure: config.smtp.secure,
          auth: config.smtp.user ? { user: config.smtp.user, pass: config.smtp.pass } : undefined,
          // Nodemailer waits minutes by default; a stuck server should fail the attempt and leave
          // the job to its backoff instead of holding a worker slot.
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
          // Reuse a few SMTP connections instead of one handshake per message.
          pool: true,
          maxConnections: 8,
        },
      }),
    }),
  ],
  providers: [EmailDeliveryRepository, EmailProcessor, EmailRequeueService],
})
export class EmailModule {}
