import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EmailDeliveryRow } from '@wallet/database';
import { EmailDeliveryStatus } from '@wallet/shared';
import { IsEnum, IsOptional } from 'class-validator';
import { PageDto } from '../../common/http/page.dto';
import { PageQueryDto } from '../../common/http/page-query.dto';

/** One email and where its delivery stands (docs/design.md §6). */
export class EmailDeliveryResponseDto {
  @ApiProperty({ example: 'outbox-42-transfer-received-email', description: 'Also its BullMQ job id.' })
  id!: string;

  @ApiProperty({ example: 'transfer-received-email' })
  kind!: string;

  @ApiProperty({ example: 'grace@example.com' })
  recipient!: string;

  @ApiProperty({ enum: EmailDeliveryStatus, enumName: 'EmailDeliveryStatus' })
  status!: EmailDeliveryStatus;

  @ApiProperty({ type: 'integer', example: 14, description: 'Attempts since it was (re)sent.' })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, example: 'connect ECONNREFUSED 127.0.0.1:1025' })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'When a pending email is tried next.' })
  nextAttemptAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  abandonedAt!: Date | null;
}

export function mapEmailDelivery(row: EmailDeliveryRow): EmailDeliveryResponseDto {
  return {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    abandonedAt: row.abandonedAt,
  };
}

export class EmailDeliveryPageDto extends PageDto(EmailDeliveryResponseDto) {}

export class UndeliveredEmailQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: [EmailDeliveryStatus.PENDING, EmailDeliveryStatus.ABANDONED],
    enumName: 'UndeliveredEmailStatus',
    description: 'Only pending, or only abandoned emails; both when omitted.',
  })
  @IsOptional()
  @IsEnum([EmailDeliveryStatus.PENDING, EmailDeliveryStatus.ABANDONED])
  status?: EmailDeliveryStatus.PENDING | EmailDeliveryStatus.ABANDONED;
}
