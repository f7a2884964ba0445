import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WebhookDeliveryRow } from '@wallet/database';
import { WebhookDeliveryStatus, WebhookEventType } from '@wallet/shared';
import { IsEnum, IsOptional } from 'class-validator';
import { PageDto } from '../../common/http/page.dto';
import { PageQueryDto } from '../../common/http/page-query.dto';

/** One event's delivery to one endpoint, and where it stands (docs/design.md §14). */
export class WebhookDeliveryResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Also the `webhook-id` header of every attempt.' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The event; the same for every endpoint it goes to.' })
  eventId!: string;

  @ApiProperty({ enum: WebhookEventType, enumName: 'WebhookEventType' })
  eventType!: string;

  @ApiProperty({ type: 'integer', example: 1, description: 'Attempts made so far.' })
  attempt!: number;

  @ApiProperty({ enum: WebhookDeliveryStatus, enumName: 'WebhookDeliveryStatus' })
  status!: WebhookDeliveryStatus;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 503,
    description: "The last attempt's HTTP status; null when it got no answer.",
  })
  responseStatus!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'connect ECONNREFUSED 203.0.113.7:443' })
  error!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', description: 'When a pending delivery is tried next.' })
  nextAttemptAt!: Date;
}

export function mapWebhookDelivery(row: WebhookDeliveryRow): WebhookDeliveryResponseDto {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    attempt: row.attempt,
    status: row.status,
    responseStatus: row.responseStatus,
    error: row.error,
    createdAt: row.createdAt,
    nextAttemptAt: row.nextAttemptAt,
  };
}

export class WebhookDeliveryPageDto extends PageDto(WebhookDeliveryResponseDto) {}

export class WebhookDeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WebhookDeliveryStatus, enumName: 'WebhookDeliveryStatus' })
  @IsOptional()
  @IsEnum(WebhookDeliveryStatus)
  status?: WebhookDeliveryStatus;
}
