import { MailerService } from '@nestjs-modules/mailer';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { AppConfig, InjectConfig } from '@wallet/config';
import { QueueName, type JobPayloads } from '@wallet/shared';
import { type Job, Queue, UnrecoverableError } from 'bullmq';
import { messageOf } from '../common/outage-log';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { QueueProcessor } from '../queues/queue-processor';
import { isPermanentSmtpRejection } from './smtp-errors';
import { type EmailJobName, type EmailMessage, renderEmail } from './templates';

type EmailJob = Job<JobPayloads[EmailJobName], void, string>;

/** Sends the emails of DESIGN §6: renders the job's template and hands it to the SMTP server. */
@Processor(QueueName.EMAIL, { concurrency: 16 })
export class EmailProcessor extends QueueProcessor {
  private readonly from: string;
  private readonly messageIdDomain: string;

  constructor(
    @InjectQueue(QueueName.EMAIL) queue: Queue,
    private readonly mailer: MailerService,
    @InjectConfig() config: AppConfig,
    private readonly workerMetrics: WorkerMetrics,
  ) {
    super(queue, workerMetrics);
    this.from = config.mailFrom;
    this.messageIdDomain = /@([^\s>]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'localhost';
  }

  async process(job: EmailJob): Promise<void> {
    let email: ReturnType<typeof renderEmail>;
    try {
      // The payload was typed where the API wrote the outbox row; the name says which type.
      email = renderEmail({ kind: job.name, payload: job.data } as EmailMessage);
    } catch (error) {
      // A job that cannot be rendered now never will be.
      throw new UnrecoverableError(`cannot render ${job.name}: ${messageOf(error)}`);
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
        messageId: `<${job.id}@${this.messageIdDomain}>`,
      });
      timer({ outcome: 'sent' });
    } catch (error) {
      timer({ outcome: 'failed' });
      if (isPermanentSmtpRejection(error)) {
        throw new UnrecoverableError(`SMTP server refused the message: ${messageOf(error)}`);
      }
      throw error;
    }
  }
}
