import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@wallet/shared';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { EmailDeliveriesRepository } from './email-deliveries.repository';
import {
  EmailDeliveryPageDto,
  EmailDeliveryResponseDto,
  mapEmailDelivery,
  UndeliveredEmailQueryDto,
} from './dto/email-delivery.dto';
import { mapPage } from '../common/http/page.dto';

export class EmailAlreadySentError extends DomainError {
  constructor(id: string) {
    super(ErrorCode.EMAIL_ALREADY_SENT, `Email ${id} was accepted by the SMTP server already.`);
  }
}

/**
 * Undelivered mail, for admins (docs/design.md §6): what is still pending or was abandoned, and the two
 * things to do about it. A resent email is picked up by the worker's re-enqueue pass, within
 * `EMAIL_REQUEUE_INTERVAL_MS`, under its own id, so it goes out once.
 */
@Injectable()
export class EmailDeliveriesService {
  constructor(private readonly deliveries: EmailDeliveriesRepository) {}

  async undelivered(query: UndeliveredEmailQueryDto): Promise<EmailDeliveryPageDto> {
    return mapPage(await this.deliveries.undelivered(query, query.status), query, mapEmailDelivery);
  }

  async resend(id: string): Promise<EmailDeliveryResponseDto> {
    const row = await this.deliveries.resend(id);
    if (!row) throw await this.whyNot(id);
    return mapEmailDelivery(row);
  }

  async abandon(id: string): Promise<EmailDeliveryResponseDto> {
    const row = await this.deliveries.abandon(id);
    if (!row) throw await this.whyNot(id);
    return mapEmailDelivery(row);
  }

  private async whyNot(id: string): Promise<DomainError> {
    return (await this.deliveries.findById(id)) ? new EmailAlreadySentError(id) : new NotFoundError('Email');
  }
}
