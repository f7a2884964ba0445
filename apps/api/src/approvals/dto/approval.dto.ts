import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApprovalKind, ApprovalStatus } from '@wallet/shared';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { PlainText, UuidField } from '../../common/http/field-transforms';
import { PageDto } from '../../common/http/page.dto';
import { PageQueryDto } from '../../common/http/page-query.dto';
import type { ApprovalRequestJson, ApprovalRequestRow } from '../approval-requests.repository';

/** A four-eyes request (docs/design.md §15). */
export class ApprovalRequestDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ApprovalKind, enumName: 'ApprovalKind' })
  kind!: ApprovalKind;

  @ApiProperty({ enum: ApprovalStatus, enumName: 'ApprovalStatus' })
  status!: ApprovalStatus;

  @ApiProperty({ format: 'uuid', description: 'The admin who asked.' })
  requestedBy!: string;

  @ApiProperty({ example: 'Ada Admin' })
  requestedByName!: string;

  @ApiProperty({ format: 'uuid', description: 'The user whose wallet the move is on.' })
  targetUserId!: string;

  @ApiProperty({ example: 'Grace Hopper' })
  targetUserName!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The transaction a reversal undoes; null for a deposit.',
  })
  targetTransactionId!: string | null;

  @ApiProperty({ type: 'integer', example: 250000, description: 'Integer cents.' })
  amount!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The admin who decided.' })
  decidedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Grace Admin' })
  decidedByName!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: Date | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it was rejected.',
    example: 'Not agreed with finance',
  })
  reason!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The transaction the approval wrote (SUCCESS, or FAILED when a rule refused it).',
  })
  transactionId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The reason given with a reversal, which the owners read once it runs; null for a deposit.',
    example: 'Deposited to the wrong account',
  })
  requestReason!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export function mapApprovalRequest(row: ApprovalRequestRow | ApprovalRequestJson): ApprovalRequestDto {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    requestedBy: row.requestedBy,
    requestedByName: row.requestedByName,
    targetUserId: row.targetUserId,
    targetUserName: row.targetUserName,
    targetTransactionId: row.targetTransactionId,
    amount: row.amount,
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt === null ? null : new Date(row.decidedAt),
    reason: row.reason,
    transactionId: row.transactionId,
    requestReason: row.requestReason,
    createdAt: new Date(row.createdAt),
  };
}

export class ApprovalRequestPageDto extends PageDto(ApprovalRequestDto) {}

export class ApprovalQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ApprovalStatus,
    enumName: 'ApprovalStatus',
    description: 'Only those in this state.',
  })
  @IsOptional()
  @IsEnum(ApprovalStatus)
  status?: ApprovalStatus;

  @ApiPropertyOptional({ format: 'uuid', description: "Only those on this user's wallet." })
  @IsOptional()
  @UuidField()
  targetUserId?: string;
}

export class RejectRequestDto {
  @ApiProperty({ example: 'Not agreed with finance', minLength: 1, maxLength: 500 })
  @IsString()
  @PlainText()
  @Length(1, 500)
  reason!: string;
}
