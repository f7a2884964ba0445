import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from '../../common/http/page.dto';
import { AuditAction } from '@wallet/shared';
import type { AuditLogRow } from '../audit-log.repository';

export class AuditLogEntryDto {
  @ApiProperty({ type: 'integer', example: 17 })
  id!: number;

  @ApiProperty({ format: 'uuid' })
  adminId!: string;

  @ApiProperty({ example: 'Ada Admin' })
  adminName!: string;

  @ApiProperty({ enum: AuditAction, enumName: 'AuditAction' })
  action!: AuditAction;

  @ApiProperty({ format: 'uuid' })
  targetUserId!: string;

  @ApiProperty({ example: 'Grace Hopper' })
  targetUserName!: string;

  @ApiProperty({ type: String, nullable: true, example: '$25.00, SUCCESS, transaction 0b5e…' })
  detail!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export function mapAuditLogEntry(row: AuditLogRow): AuditLogEntryDto {
  return {
    id: row.id,
    adminId: row.adminId,
    adminName: row.adminName,
    action: row.action,
    targetUserId: row.targetUserId,
    targetUserName: row.targetUserName,
    detail: row.detail,
    createdAt: row.createdAt,
  };
}

export class AuditLogPageDto extends PageDto(AuditLogEntryDto) {}
