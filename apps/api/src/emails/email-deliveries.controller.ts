import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ErrorCode, Role } from '@wallet/shared';
import { Roles } from '../common/decorators/auth.decorators';
import { ApiProblems } from '../common/http/api-problems';
import { EmailDeliveriesService } from './email-deliveries.service';
import { EmailIdParamPipe } from './email-id-param.pipe';
import {
  EmailDeliveryPageDto,
  EmailDeliveryResponseDto,
  UndeliveredEmailQueryDto,
} from './dto/email-delivery.dto';

@ApiTags('admin')
@Roles(Role.ADMIN)
@Controller('admin/emails')
export class EmailDeliveriesController {
  constructor(private readonly emails: EmailDeliveriesService) {}

  @Get('undelivered')
  @ApiOperation({
    summary: 'Undelivered emails',
    description:
      'Emails the SMTP server has not accepted: `pending` ones are retried with capped backoff until ' +
      'it does, `abandoned` ones (given up by an admin, or refused by the server) are not. Oldest first.',
  })
  @ApiOkResponse({ type: EmailDeliveryPageDto })
  listUndeliveredEmails(@Query() query: UndeliveredEmailQueryDto): Promise<EmailDeliveryPageDto> {
    return this.emails.undelivered(query);
  }

  @Post(':id/resend')
  @HttpCode(HttpStatus.OK)
  @ApiProblems(ErrorCode.NOT_FOUND, ErrorCode.EMAIL_ALREADY_SENT)
  @ApiOperation({
    summary: 'Resend an undelivered email',
    description:
      'Pending (or abandoned) → pending, tried at once with a fresh backoff; the worker picks it up ' +
      'within `EMAIL_REQUEUE_INTERVAL_MS`. A sent email is not sent again (409).',
  })
  @ApiParam({ name: 'id', example: 'outbox-42-deposit-email', description: 'The email, as listed.' })
  @ApiOkResponse({ type: EmailDeliveryResponseDto })
  resendEmail(@Param('id', EmailIdParamPipe) id: string): Promise<EmailDeliveryResponseDto> {
    return this.emails.resend(id);
  }

  @Post(':id/abandon')
  @HttpCode(HttpStatus.OK)
  @ApiProblems(ErrorCode.NOT_FOUND, ErrorCode.EMAIL_ALREADY_SENT)
  @ApiOperation({
    summary: 'Give up on an undelivered email',
    description: 'It is no longer retried (an attempt already under way may still deliver it).',
  })
  @ApiParam({ name: 'id', example: 'outbox-42-deposit-email', description: 'The email, as listed.' })
  @ApiOkResponse({ type: EmailDeliveryResponseDto })
  abandonEmail(@Param('id', EmailIdParamPipe) id: string): Promise<EmailDeliveryResponseDto> {
    return this.emails.abandon(id);
  }
}
