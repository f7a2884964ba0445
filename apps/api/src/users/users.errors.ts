import { ErrorCode } from '@wallet/shared';
import { DomainError } from '../common/errors/domain-error';

export class EmailTakenError extends DomainError {
  constructor() {
    super(ErrorCode.EMAIL_TAKEN, 'An account with this email already exists.');
  }
}
