import { Module } from '@nestjs/common';
import { AuditModule } from '../admin/audit.module';
import { WalletModule } from '../wallet/wallet.module';
import { ApprovalRequestsRepository } from './approval-requests.repository';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

/** Four eyes on money that appears (docs/design.md §15). */
@Module({
  imports: [AuditModule, WalletModule],
  controllers: [ApprovalsController],
  providers: [ApprovalsService, ApprovalRequestsRepository],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
