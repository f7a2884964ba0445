import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorCode, Role } from '@wallet/shared';
import { Roles } from '../common/decorators/auth.decorators';
import { ApiProblems } from '../common/http/api-problems';
import { PageQueryDto } from '../common/http/page-query.dto';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import {
  WebhookDeliveryPageDto,
  WebhookDeliveryQueryDto,
  WebhookDeliveryResponseDto,
} from './dto/webhook-delivery.dto';
import {
  CreateWebhookEndpointRequestDto,
  UpdateWebhookEndpointRequestDto,
  WebhookEndpointPageDto,
  WebhookEndpointResponseDto,
  WebhookEndpointWithSecretResponseDto,
} from './dto/webhook-endpoint.dto';
import { WebhooksService } from './webhooks.service';

const ApiEndpointIdParam = () => ApiParam({ name: 'id', format: 'uuid', description: "The endpoint's id." });

@ApiTags('admin')
@Roles(Role.ADMIN)
@Controller('admin/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook endpoint',
    description:
      'Starts enabled. Every event of the types it subscribes to is delivered at least once, signed ' +
      'per the Standard Webhooks specification with the secret answered here, and shown only here.',
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretResponseDto })
  createWebhookEndpoint(
    @Body() body: CreateWebhookEndpointRequestDto,
  ): Promise<WebhookEndpointWithSecretResponseDto> {
    return this.webhooks.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List webhook endpoints', description: 'Newest first; secrets are never listed.' })
  @ApiOkResponse({ type: WebhookEndpointPageDto })
  listWebhookEndpoints(@Query() query: PageQueryDto): Promise<WebhookEndpointPageDto> {
    return this.webhooks.list(query);
  }

  @ApiEndpointIdParam()
  @Get(':id')
  @ApiProblems(ErrorCode.NOT_FOUND)
  @ApiOperation({ summary: 'One webhook endpoint' })
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  getWebhookEndpoint(@Param('id', UuidParamPipe) id: string): Promise<WebhookEndpointResponseDto> {
    return this.webhooks.get(id);
  }

  @ApiEndpointIdParam()
  @Patch(':id')
  @ApiProblems(ErrorCode.NOT_FOUND)
  @ApiOperation({
    summary: 'Change a webhook endpoint',
    description:
      'Any of `url`, `events`, `enabled`, `description`. Events already relayed keep the deliveries ' +
      'they have; a disabled endpoint gets nothing new, and its pending deliveries wait until it is enabled.',
  })
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  updateWebhookEndpoint(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateWebhookEndpointRequestDto,
  ): Promise<WebhookEndpointResponseDto> {
    return this.webhooks.update(id, body);
  }

  @ApiEndpointIdParam()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiProblems(ErrorCode.NOT_FOUND)
  @ApiOperation({ summary: 'Delete a webhook endpoint', description: 'With its delivery log.' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  async deleteWebhookEndpoint(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.webhooks.delete(id);
  }

  @ApiEndpointIdParam()
  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiProblems(ErrorCode.NOT_FOUND)
  @ApiOperation({
    summary: "Rotate a webhook endpoint's secret",
    description:
      'Answers the new secret, shown only here. For 24 hours the previous one signs too: each ' +
      'delivery then carries two `v1,` signatures, so receivers can switch without losing any.',
  })
  @ApiOkResponse({ type: WebhookEndpointWithSecretResponseDto })
  rotateWebhookSecret(@Param('id', UuidParamPipe) id: string): Promise<WebhookEndpointWithSecretResponseDto> {
    return this.webhooks.rotateSecret(id);
  }

  @ApiEndpointIdParam()
  @Get(':id/deliveries')
  @ApiProblems(ErrorCode.NOT_FOUND)
  @ApiOperation({
    summary: "A webhook endpoint's deliveries",
    description:
      'Newest first: one per event, with its attempts so far. A pending one is retried after about ' +
      '5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then failed.',
  })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  listWebhookDeliveries(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: WebhookDeliveryQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(id, query);
  }

  @ApiParam({ name: 'id', format: 'uuid', description: "The delivery's id." })
  @Post('deliveries/:id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiProblems(ErrorCode.NOT_FOUND)
  @ApiOperation({
    summary: 'Retry a webhook delivery',
    description:
      'Pending again and due now, whatever its status: the worker sends it within ' +
      '`WEBHOOK_REQUEUE_INTERVAL_MS`, with the same `webhook-id`, so a receiver that has it already can tell.',
  })
  @ApiOkResponse({ type: WebhookDeliveryResponseDto })
  retryWebhookDelivery(@Param('id', UuidParamPipe) id: string): Promise<WebhookDeliveryResponseDto> {
    return this.webhooks.retry(id);
  }
}
