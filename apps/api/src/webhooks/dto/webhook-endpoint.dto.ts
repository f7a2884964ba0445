import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WebhookEndpointRow, WebhookEndpointSecretsRow } from '@wallet/database';
import { ALL_WEBHOOK_EVENTS, WebhookEventType } from '@wallet/shared';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageDto } from '../../common/http/page.dto';
import { PlainText, Trimmed } from '../../common/http/field-transforms';

/** What an endpoint can subscribe to: event types, or `*` for every type (docs/design.md §14). */
export const WEBHOOK_SUBSCRIPTIONS: string[] = [...Object.values(WebhookEventType), ALL_WEBHOOK_EVENTS];

const URL_FIELD = {
  example: 'https://hooks.example.com/wallet',
  maxLength: 2048,
  format: 'uri',
  // http(s), and no user name or password before the host.
  pattern: '^https?://[^/?#@]+([/?#].*)?$',
  description:
    'An `https:` URL whose host resolves to public addresses only (`http:` and private or loopback ' +
    'addresses too when the server runs with `WEBHOOK_ALLOW_INSECURE_URLS=true`). Redirects are not followed.',
};

const EVENTS_FIELD = {
  type: 'array',
  items: { type: 'string', enum: WEBHOOK_SUBSCRIPTIONS },
  minItems: 1,
  maxItems: WEBHOOK_SUBSCRIPTIONS.length,
  uniqueItems: true,
  example: [WebhookEventType.TRANSACTION_SUCCEEDED, WebhookEventType.TRANSACTION_FAILED],
  description: 'The event types delivered, or `["*"]` for every type.',
} as const;

const DESCRIPTION_FIELD = {
  example: 'Ledger sync service',
  minLength: 1,
  maxLength: 500,
  // No control or text-direction characters (PlainText).
  pattern: '^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$',
};

export class CreateWebhookEndpointRequestDto {
  @ApiProperty(URL_FIELD)
  @Trimmed()
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty(EVENTS_FIELD)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_SUBSCRIPTIONS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_SUBSCRIPTIONS, { each: true })
  events!: string[];

  @ApiPropertyOptional(DESCRIPTION_FIELD)
  @IsOptional()
  @IsString()
  @PlainText()
  @Length(1, 500)
  description?: string;
}

/**
 * A PATCH: an absent field is left as it is. Only `description` may be null (which clears it); a
 * null `url`, `events` or `enabled` is validated like any other value, and refused.
 */
export class UpdateWebhookEndpointRequestDto {
  @ApiPropertyOptional(URL_FIELD)
  @ValidateIf((_, value) => value !== undefined)
  @Trimmed()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional(EVENTS_FIELD)
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_SUBSCRIPTIONS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_SUBSCRIPTIONS, { each: true })
  events?: string[];

  @ApiPropertyOptional({ description: 'A disabled endpoint receives nothing until enabled again.' })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ ...DESCRIPTION_FIELD, type: String, nullable: true, description: 'null clears it.' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsString()
  @PlainText()
  @Length(1, 500)
  description?: string | null;
}

/** An endpoint as admins see it; its secret is shown only when it is made (create, rotate). */
export class WebhookEndpointResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'https://hooks.example.com/wallet' })
  url!: string;

  @ApiProperty({ type: 'array', items: { type: 'string', enum: WEBHOOK_SUBSCRIPTIONS } })
  events!: string[];

  @ApiProperty({ type: String, nullable: true, example: 'Ledger sync service' })
  description!: string | null;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'After a rotation: until when the previous secret also signs deliveries.',
  })
  previousSecretExpiresAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export class WebhookEndpointWithSecretResponseDto extends WebhookEndpointResponseDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'The signing secret (`whsec_` and base64 of 32 random bytes), shown only now: store it. ' +
      'Verify deliveries with it as the Standard Webhooks specification says.',
  })
  secret!: string;
}

export function mapWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpointResponseDto {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    enabled: row.enabled,
    previousSecretExpiresAt: row.previousSecretExpiresAt,
    createdAt: row.createdAt,
  };
}

export function mapWebhookEndpointWithSecret(
  row: WebhookEndpointSecretsRow,
): WebhookEndpointWithSecretResponseDto {
  return { ...mapWebhookEndpoint(row), secret: row.secret };
}

export class WebhookEndpointPageDto extends PageDto(WebhookEndpointResponseDto) {}
