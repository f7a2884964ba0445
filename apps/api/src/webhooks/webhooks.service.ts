import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { checkWebhookUrl, WebhookUrlRefusedError } from '@wallet/messaging';
import { ALL_WEBHOOK_EVENTS } from '@wallet/shared';
import { randomBytes } from 'node:crypto';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error';
import { mapPage } from '../common/http/page.dto';
import { PageQueryDto } from '../common/http/page-query.dto';
import {
  mapWebhookDelivery,
  WebhookDeliveryPageDto,
  WebhookDeliveryQueryDto,
  WebhookDeliveryResponseDto,
} from './dto/webhook-delivery.dto';
import {
  CreateWebhookEndpointRequestDto,
  mapWebhookEndpoint,
  mapWebhookEndpointWithSecret,
  UpdateWebhookEndpointRequestDto,
  WebhookEndpointPageDto,
  WebhookEndpointResponseDto,
  WebhookEndpointWithSecretResponseDto,
} from './dto/webhook-endpoint.dto';
import { WebhooksRepository } from './webhooks.repository';

/**
 * A signing secret in the Standard Webhooks form: `whsec_` and the base64 of the key's bytes
 * (32 random ones, more than the specification's minimum of 24).
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * Webhook endpoints and their delivery log, for admins (docs/design.md §14). The worker delivers;
 * this registers where to, checks that the URL may be reached, and hands deliveries back to it.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhooks: WebhooksRepository,
  ) {}

  async create(request: CreateWebhookEndpointRequestDto): Promise<WebhookEndpointWithSecretResponseDto> {
    const url = await this.checkedUrl(request.url);
    const row = await this.webhooks.insert({
      url,
      events: subscription(request.events),
      description: request.description ?? null,
      secret: newWebhookSecret(),
    });
    return mapWebhookEndpointWithSecret(row);
  }

  async list(query: PageQueryDto): Promise<WebhookEndpointPageDto> {
    return mapPage(await this.webhooks.list(query), query, mapWebhookEndpoint);
  }

  async get(id: string): Promise<WebhookEndpointResponseDto> {
    return mapWebhookEndpoint(await this.found(this.webhooks.findById(id)));
  }

  async update(id: string, request: UpdateWebhookEndpointRequestDto): Promise<WebhookEndpointResponseDto> {
    const url = request.url === undefined ? undefined : await this.checkedUrl(request.url);
    const events = request.events === undefined ? undefined : subscription(request.events);
    const row = await this.found(
      this.webhooks.update(id, { url, events, enabled: request.enabled, description: request.description }),
    );
    return mapWebhookEndpoint(row);
  }

  async rotateSecret(id: string): Promise<WebhookEndpointWithSecretResponseDto> {
    return mapWebhookEndpointWithSecret(await this.found(this.webhooks.rotate(id, newWebhookSecret())));
  }

  async delete(id: string): Promise<void> {
    if (!(await this.webhooks.delete(id))) throw new NotFoundError('Webhook endpoint');
  }

  async deliveries(endpointId: string, query: WebhookDeliveryQueryDto): Promise<WebhookDeliveryPageDto> {
    await this.found(this.webhooks.findById(endpointId));
    return mapPage(
      await this.webhooks.deliveries(endpointId, query, query.status),
      query,
      mapWebhookDelivery,
    );
  }

  async retry(deliveryId: string): Promise<WebhookDeliveryResponseDto> {
    const row = await this.webhooks.retry(deliveryId);
    if (!row) throw new NotFoundError('Webhook delivery');
    return mapWebhookDelivery(row);
  }

  /**
   * The URL, if the worker may deliver to it: a refusal is a 400 naming `url` (docs/design.md §14).
   * The worker checks the addresses again whenever it connects, since DNS may answer differently then.
   */
  private async checkedUrl(raw: string): Promise<string> {
    try {
      return (await checkWebhookUrl(raw, this.config.webhooks.allowInsecureUrls)).toString();
    } catch (error) {
      if (!(error instanceof WebhookUrlRefusedError)) throw error;
      throw new ValidationFailedError([{ field: 'url', messages: [error.message] }]);
    }
  }

  private async found<T>(row: Promise<T | undefined>): Promise<T> {
    const found = await row;
    if (found === undefined) throw new NotFoundError('Webhook endpoint');
    return found;
  }
}

/** `*` subscribes to everything, so any other type beside it adds nothing. */
function subscription(events: string[]): string[] {
  return events.includes(ALL_WEBHOOK_EVENTS) ? [ALL_WEBHOOK_EVENTS] : events;
}
