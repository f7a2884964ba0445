import { ErrorCode } from '@wallet/shared';
import { DomainError } from '../common/errors/domain-error';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super(ErrorCode.INVALID_CREDENTIALS, 'The email or password is wrong.');
  }
}

export class AccountInactiveError extends DomainError {
  constructor() {
    super(ErrorCode.ACCOUNT_INACTIVE, 'This account is deactivated; an admin can activate it again.');
  }
}

export class SessionExpiredError extends DomainError {
  constructor() {
    super(ErrorCode.SESSION_EXPIRED, 'The session ended after a period of inactivity; sign in again.');
  }
}

export class AdminRegistrationDisabledError extends DomainError {
  constructor() {
    super(ErrorCode.ADMIN_REGISTRATION_DISABLED, 'Admin registration over HTTP is disabled on this server.');
  }
}
