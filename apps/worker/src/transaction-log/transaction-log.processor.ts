import { InjectQueue, Processor } from '@nestjs/bullmq';
import { formatCents, JobName, QueueName, type TransactionResultJob } from '@wallet/shared';
import { type Job, Queue, UnrecoverableError } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { QueueProcessor } from '../queues/queue-processor';

/**
 * Logs the outcome of every money move, SUCCESS or FAILED, as one structured line, off the
 * request path (docs/design.md §6).
 */
@Processor(QueueName.TRANSACTION_LOG, { concurrency: 10 })
export class TransactionLogProcessor extends QueueProcessor {
  constructor(
    @InjectQueue(QueueName.TRANSACTION_LOG) queue: Queue,
    @InjectPinoLogger(TransactionLogProcessor.name) private readonly log: PinoLogger,
    metrics: WorkerMetrics,
  ) {
    super(queue, metrics);
  }

  async process(job: Job<TransactionResultJob, void, string>): Promise<void> {
    // Job names arrive from Redis as plain strings.
    if (job.name !== (JobName.TRANSACTION_RESULT as string)) {
      throw new UnrecoverableError(`unexpected job "${job.name}" on the transaction-log queue`);
    }
    const result = job.data;
    this.log.info(
      {
        event: 'transaction.result',
        jobId: job.id,
        transactionId: result.transactionId,
        walletId: result.walletId,
        type: result.type,
        amountCents: result.amount,
        status: result.status,
        failureReason: result.failureReason,
        transferId: result.transferId,
        occurredAt: result.occurredAt,
      },
      `${result.type} of ${formatCents(result.amount)} ${result.status}` +
        (result.failureReason ? ` (${result.failureReason})` : ''),
    );
  }
}
