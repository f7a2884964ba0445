import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@wallet/shared';
import { TransactionLogProcessor } from './transaction-log.processor';

/** Logs transaction results from the transaction-log queue (docs/design.md §6). */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.TRANSACTION_LOG })],
  providers: [TransactionLogProcessor],
})
export class TransactionLogModule {}
