import { ErrorCode } from '@wallet/shared';
import { DomainError } from '../common/errors/domain-error';

export class TotpRequiredError extends DomainError {
  constructor() {
    super(
      ErrorCode.TOTP_REQUIRED,
      'This admin signs in with a second factor: send `totpCode` (the 6 digits of the authenticator app, ' +
        'or a recovery code) to POST /auth/admin/login.',
    );
  }
}

export class TotpEnrollmentRequiredError extends DomainError {
  constructor() {
    super(
      ErrorCode.TOTP_ENROLLMENT_REQUIRED,
      'Admins must set up a second factor first: POST /auth/admin/totp/setup, then /auth/admin/totp/enable.',
    );
  }
}

export class TotpAlreadyEnabledError extends DomainError {
  constructor() {
    super(
      ErrorCode.TOTP_ALREADY_ENABLED,
      'The second factor is already on; another admin (or the command line) can reset it.',
    );
  }
}

export class TotpCodeInvalidError extends DomainError {
  constructor(detail = 'The code does not match the secret being set up; check the clock of the device.') {
    super(ErrorCode.TOTP_CODE_INVALID, detail);
  }
}
