import { Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../common/errors/domain-error';

/** An email's id is its job id (`outbox-42-deposit-email`): letters, digits, `-`, `_`, `.`. */
const EMAIL_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;

/** Path ids of emails; anything else (a NUL byte Postgres would refuse, a huge string) is a 400. */
@Injectable()
export class EmailIdParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!EMAIL_ID.test(value)) {
      throw new ValidationFailedError([{ field: 'id', messages: ['id must be an email id'] }]);
    }
    return value;
  }
}
