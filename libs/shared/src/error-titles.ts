import { ErrorCode } from './error-codes';

/** Short human titles for each code, used as the problem+json `title` and by the console. */
export const ERROR_TITLES: Record<ErrorCode, string> = {
  [ErrorCode.VALIDATION_FAILED]: 'The request is not valid',
  [ErrorCode.IDEMPOTENCY_KEY_MISSING]: 'An Idempotency-Key header is required',
  [ErrorCode.UNAUTHENTICATED]: 'Sign in to continue',
  [ErrorCode.SESSION_EXPIRED]: 'Your session has expired',
  [ErrorCode.INVALID_CREDENTIALS]: 'Wrong email or password',
  [ErrorCode.FORBIDDEN]: 'You are not allowed to do this',
  [ErrorCode.ACCOUNT_INACTIVE]: 'This account is deactivated',
  [ErrorCode.ADMIN_REGISTRATION_DISABLED]: 'Admin registration is not allowed',
  [ErrorCode.NOT_FOUND]: 'Not found',
  [ErrorCode.EMAIL_TAKEN]: 'This email is already registered',
  [ErrorCode.IDEMPOTENCY_KEY_IN_USE]: 'The same request is still being processed',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'The request body is too large',
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'The request body must be JSON',
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 'This Idempotency-Key was used for a different request',
  [ErrorCode.WALLET_FROZEN]: 'The wallet is frozen',
  [ErrorCode.RECIPIENT_NOT_FOUND]: 'No wallet is registered for this email',
  [ErrorCode.SELF_TRANSFER]: 'You cannot transfer money to yourself',
  [ErrorCode.RECIPIENT_UNAVAILABLE]: 'The recipient cannot receive money right now',
  [ErrorCode.DAILY_LIMIT_EXCEEDED]: 'This would exceed your daily limit',
  [ErrorCode.INSUFFICIENT_FUNDS]: 'Not enough money in the wallet',
  [ErrorCode.ADMIN_ACCOUNT]: 'This action does not apply to an admin account',
  [ErrorCode.TOO_MANY_REQUESTS]: 'Too many attempts; try again later',
  [ErrorCode.INTERNAL_ERROR]: 'Something went wrong on our side',
  [ErrorCode.SERVICE_UNAVAILABLE]: 'The service is temporarily unavailable; try again shortly',
};
