import { Module } from '@nestjs/common';
import { AuditLogRepository } from './audit-log.repository';

/** The audit log, written by admin actions in several modules (docs/design.md §5, §15). */
@Module({ providers: [AuditLogRepository], exports: [AuditLogRepository] })
export class AuditModule {}
