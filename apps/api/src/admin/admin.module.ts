import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { TotpModule } from '../totp/totp.module';
import { UsersModule } from '../users/users.module';
import { WalletModule } from '../wallet/wallet.module';
import { AdminUsersRepository } from './admin-users.repository';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { AuditModule } from './audit.module';

@Module({
  imports: [ApprovalsModule, AuditModule, IdempotencyModule, TotpModule, UsersModule, WalletModule],
  controllers: [AdminController],
  providers: [AdminService, AdminUsersRepository],
})
export class AdminModule {}
