import { MailerService } from '@nestjs-modules/mailer';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { AppConfig, EmailRetryConfig, InjectConfig } from '@wallet/config';
import { QueueName, type JobPayloads } from '@wallet/shared';
import { DelayedError, type Job, Queue, UnrecoverableError } from 'bullmq';
import { messageOf } from '../common/outage-log';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { QueueProcessor } from '../queues/queue-processor';
import { EmailDeliveryRepository } from './email-delivery.repository';
import { emailRetryDelayMs } from './email-retry';
import { isPermanentSmtpRejection } from './smtp-errors';
import { type EmailJobName, type EmailMessage, renderEmail } from './templates';

type EmailJob = Job<JobPayloads[EmailJobName], void, string>;

/**
 * Sends the emails of docs/design.md §6: renders the job's template and hands it to the SMTP server. Each
 * email's state is its `email_deliveries` row: marked sent once the server accepted it; after a
 * temporary failure it stays pending and the job waits, delayed, for its next attempt (capped
 * backoff, no last attempt), so a long SMTP outage loses nothing. Should BullMQ lose the job, the
 * re-enqueue pass adds it again from that row.
 */
@Processor(QueueName.EMAIL, { concurrency: 16 })
export class EmailProcessor extends QueueProcessor {
  private readonly from: string;
  private readonly messageIdDomain: string;
  private readonly retry: EmailRetryConfig;

  constructor(
    @InjectQueue(QueueName.EMAIL) queue: Queue,
    private readonly mailer: MailerService,
    private readonly deliveries: EmailDeliveryRepository,
    @InjectConfig() config: AppConfig,
    private readonly workerMetrics: WorkerMetrics,
  ) {
    super(queue, workerMetrics);
    this.from = config.mailFrom;
    this.messageIdDomain = /@([^\s>]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'localhost';
    this.retry = config.emailRetry;
  }

  async process(job: EmailJob, token?: string): Promise<void> {
    const id = job.id!;
    // A payload without a recipient fails to render below, and is abandoned where admins see it.
    const recipient = (job.data as Partial<typeof job.data>).to?.email ?? '';
    const attempt = await this.deliveries.beginAttempt(id, job.name, job.data, recipient);
    // Sent already (a job added again after its send), or abandoned by an admin.
    if (attempt === null) return;

    let email: ReturnType<typeof renderEmail>;
    try {
      // The payload was typed where the API wrote the outbox row; the name says which type.
      email = renderEmail({ kind: job.name, payload: job.data } as EmailMessage);
    } catch (error) {
      // A job that cannot be rendered now never will be.
      const reason = `cannot render ${job.name}: ${messageOf(error)}`;
      await this.deliveries.markRefused(id, reason);
      throw new UnrecoverableError(reason);
    }
    const timer = this.workerMetrics.mailSendDuration.startTimer();
    try {
      await this.mailer.sendMail({
        from: this.from,
        to: { name: email.to.name, address: email.to.email },
        subject: email.subject,
        text: email.text,
        html: email.html,
        // Stable across retries: should a retry follow a send whose reply was lost, the copies
        // share one Message-ID that mail clients can recognise.
        messageId: `<${id}@${this.messageIdDomain}>`,
      });
      timer({ outcome: 'sent' });
    } catch (error) {
      timer({ outcome: 'failed' });
      if (isPermanentSmtpRejection(error)) {
        // Sent again it would be refused again: abandoned, listed for an admin, the job failed.
        const reason = `SMTP server refused the message: ${messageOf(error)}`;
        await this.deliveries.markRefused(id, reason);
        throw new UnrecoverableError(reason);
      }
      const delayMs = emailRetryDelayMs(attempt, this.retry);
      await this.deliveries.markFailed(id, messageOf(error), delayMs);
      this.logger.warn(
        `email ${id} (${job.name}) failed on attempt ${attempt}: ${messageOf(error)}; next attempt in ${delayMs} ms`,
      );
      // The job waits for its next attempt without using up BullMQ's attempts.
      await job.moveToDelayed(Date.now() + delayMs, token);
      throw new DelayedError();
    }
    await this.deliveries.markSent(id);
  }
}
