import { Module } from '@nestjs/common';
import { AuditModule } from '../admin/audit.module';
import { UsersModule } from '../users/users.module';
import { TotpRepository } from './totp.repository';
import { TotpService } from './totp.service';

/** Admins' second factor (docs/design.md §15), used by sign-in, by its own routes and by the admin reset. */
@Module({
  imports: [AuditModule, UsersModule],
  providers: [TotpService, TotpRepository],
  exports: [TotpService],
})
export class TotpModule {}
