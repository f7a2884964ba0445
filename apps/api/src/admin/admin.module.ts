import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { UsersModule } from '../users/users.module';
import { WalletModule } from '../wallet/wallet.module';
import { AdminUsersRepository } from './admin-users.repository';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { AuditLogRepository } from './audit-log.repository';

@Module({
  imports: [IdempotencyModule, UsersModule, WalletModule],
  controllers: [AdminController],
  providers: [AdminService, AdminUsersRepository, AuditLogRepository],
})
export class AdminModule {}
