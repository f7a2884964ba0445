import { Injectable } from '@nestjs/common';
import type { EmailDeliveryRow } from '@wallet/database';
import { ErrorCode } from '@wallet/shared';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { EmailDeliveriesRepository } from './email-deliveries.repository';
import {
  EmailDeliveryPageDto,
  EmailDeliveryResponseDto,
  UndeliveredEmailQueryDto,
} from './dto/email-delivery.dto';

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
    const { items, total } = await this.deliveries.undelivered(query.page, query.limit, query.status);
    return { items: items.map(map), page: query.page, limit: query.limit, total };
  }

  async resend(id: string): Promise<EmailDeliveryResponseDto> {
    const row = await this.deliveries.resend(id);
    if (!row) throw await this.whyNot(id);
    return map(row);
  }

  async abandon(id: string): Promise<EmailDeliveryResponseDto> {
    const row = await this.deliveries.abandon(id);
    if (!row) throw await this.whyNot(id);
    return map(row);
  }

  private async whyNot(id: string): Promise<DomainError> {
    return (await this.deliveries.findById(id)) ? new EmailAlreadySentError(id) : new NotFoundError('Email');
  }
}

function map(row: EmailDeliveryRow): EmailDeliveryResponseDto {
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
