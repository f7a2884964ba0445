import { ApiError } from '@wallet/sdk';
import { ERROR_TITLES, ErrorCode, formatCents, MAX_AMOUNT_CENTS, MIN_AMOUNT_CENTS } from '@wallet/shared';

/** What the person was doing, for wording that fits (a frozen wallet reads differently to an admin). */
export type ErrorContext = 'withdraw' | 'transfer' | 'deposit' | 'sign-in' | 'register' | 'admin' | 'other';

/** An API error in words a person understands. */
export interface ErrorDescription {
  message: string;
  /** The problem+json `code`, when the API answered with one. */
  code?: ErrorCode;
  /** Per field (the API's field name, e.g. `email`), what is wrong with it. */
  fieldErrors: Record<string, string[]>;
}

const RETRY_IS_SAFE = 'Trying again is safe: it will not move money twice.';

/** Sentences for every code (docs/design.md §5); `ERROR_TITLES` are the API's terser titles. */
const MESSAGES: Record<ErrorCode, string> = {
  [ErrorCode.VALIDATION_FAILED]: 'Some of the details are not valid. Check the highlighted fields.',
  [ErrorCode.IDEMPOTENCY_KEY_MISSING]:
    'The console sent an incomplete request. Reload the page and try again.',
  [ErrorCode.UNAUTHENTICATED]: 'Your session has ended. Sign in again to continue.',
  [ErrorCode.SESSION_EXPIRED]:
    'Your session expired after a period without activity. Sign in again to continue.',
  [ErrorCode.INVALID_CREDENTIALS]: 'The email or password is not right. Check them and try again.',
  [ErrorCode.TOTP_REQUIRED]: 'Enter the 6-digit code from your authenticator app, or a recovery code.',
  [ErrorCode.TOTP_ENROLLMENT_REQUIRED]:
    'Administrators must set up two-step sign-in before anything else. Open the Security page to do it.',
  [ErrorCode.SELF_APPROVAL]: 'You made this request, so another administrator has to decide it.',
  [ErrorCode.TOTP_ALREADY_ENABLED]:
    'Two-step sign-in is already on for this account. Another administrator can reset it if you lost your device.',
  [ErrorCode.APPROVAL_DECIDED]:
    'Another administrator has already decided this request. The list now shows its outcome.',
  [ErrorCode.TOTP_CODE_INVALID]:
    'That code is not right. Enter the code your app shows now; check that the phone’s clock is set automatically.',
  [ErrorCode.FORBIDDEN]: 'Your account is not allowed to do this.',
  [ErrorCode.ACCOUNT_INACTIVE]:
    'This account is deactivated, so it cannot sign in. An administrator can activate it again.',
  [ErrorCode.ADMIN_REGISTRATION_DISABLED]: 'Registering administrators is turned off on this server.',
  [ErrorCode.NOT_FOUND]: 'We could not find what you were looking for. It may have been removed.',
  [ErrorCode.EMAIL_TAKEN]:
    'An account with this email already exists. Sign in instead, or use another email.',
  [ErrorCode.EMAIL_ALREADY_SENT]: 'This email has been delivered in the meantime; nothing more to do.',
  [ErrorCode.IDEMPOTENCY_KEY_IN_USE]: `Your previous attempt is still being processed. Wait a moment and try again. ${RETRY_IS_SAFE}`,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'What you entered is too long.',
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]:
    'The console sent a request the server does not understand. Reload the page.',
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]:
    'This looks like a different request sent as a retry of an earlier one. Nothing was done; submit it again.',
  [ErrorCode.WALLET_FROZEN]:
    'Your wallet is frozen, so money cannot be withdrawn or sent. Contact support to have it unfrozen.',
  [ErrorCode.RECIPIENT_NOT_FOUND]:
    'Nobody who can receive money is registered with that email. Check the recipient’s email address.',
  [ErrorCode.SELF_TRANSFER]: 'You cannot send money to yourself. Enter someone else’s email.',
  [ErrorCode.RECIPIENT_UNAVAILABLE]:
    'The recipient’s account cannot receive money right now (it is frozen or deactivated). Nothing was sent.',
  [ErrorCode.DAILY_LIMIT_EXCEEDED]:
    'This would go over your daily limit. Try a smaller amount, or wait until the limit resets tomorrow.',
  [ErrorCode.INSUFFICIENT_FUNDS]: 'You do not have enough money in your wallet for this amount.',
  [ErrorCode.ADMIN_ACCOUNT]: 'This does not apply to an administrator account, which has no wallet.',
  [ErrorCode.NOT_REVERSIBLE]:
    'Only a successful deposit, withdrawal or transfer can be reversed; this one failed or is itself a reversal.',
  [ErrorCode.ALREADY_REVERSED]: 'This transaction has already been reversed. Nothing more was done.',
  [ErrorCode.TOO_MANY_REQUESTS]: 'Too many attempts in a short time. Wait a minute, then try again.',
  [ErrorCode.INTERNAL_ERROR]: `Something went wrong on our side. ${RETRY_IS_SAFE}`,
  [ErrorCode.SERVICE_UNAVAILABLE]: `The service is briefly unavailable. Try again in a few seconds. ${RETRY_IS_SAFE}`,
};

/** Wording that depends on what the person was doing. */
const IN_CONTEXT: Partial<Record<ErrorContext, Partial<Record<ErrorCode, string>>>> = {
  withdraw: {
    [ErrorCode.DAILY_LIMIT_EXCEEDED]:
      'This would go over your daily withdrawal limit. Try a smaller amount, or wait until the limit resets tomorrow.',
  },
  transfer: {
    [ErrorCode.DAILY_LIMIT_EXCEEDED]:
      'This would go over your daily transfer limit. Try a smaller amount, or wait until the limit resets tomorrow.',
  },
  deposit: {
    [ErrorCode.WALLET_FROZEN]: 'This wallet is frozen, so it cannot receive deposits. Unfreeze it first.',
    [ErrorCode.NOT_FOUND]: 'This user no longer exists.',
  },
  admin: {
    [ErrorCode.NOT_FOUND]: 'This user does not exist.',
  },
};

/** Short words for a FAILED transaction's `failureReason`, as shown in history. */
export const FAILURE_REASONS: Record<string, string> = {
  [ErrorCode.WALLET_FROZEN]: 'Wallet frozen',
  [ErrorCode.RECIPIENT_NOT_FOUND]: 'No such recipient',
  [ErrorCode.SELF_TRANSFER]: 'Sent to self',
  [ErrorCode.RECIPIENT_UNAVAILABLE]: 'Recipient cannot receive money',
  [ErrorCode.DAILY_LIMIT_EXCEEDED]: 'Over the daily limit',
  [ErrorCode.INSUFFICIENT_FUNDS]: 'Not enough money',
};

export function failureReasonText(reason: string | null | undefined): string {
  if (!reason) return '';
  return FAILURE_REASONS[reason] ?? ERROR_TITLES[reason as ErrorCode] ?? reason;
}

const FIELD_NAMES: Record<string, string> = {
  amount: 'Amount',
  recipientEmail: 'Recipient email',
  email: 'Email',
  password: 'Password',
  name: 'Name',
  reason: 'Reason',
  search: 'Search',
};

/** The API's class-validator messages name the field first ("email must be…"): use its label. */
function fieldMessage(field: string, message: string): string {
  const label = FIELD_NAMES[field];
  if (field === 'amount' && /integer|min|max|must not be (less|greater)/i.test(message))
    return `Enter an amount between ${formatCents(MIN_AMOUNT_CENTS)} and ${formatCents(MAX_AMOUNT_CENTS)}.`;
  if (!label || !message.startsWith(field)) return message;
  const rest = message.slice(field.length);
  return `${label}${rest}${rest.endsWith('.') ? '' : '.'}`;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.values<string>(ErrorCode).includes(value);
}

interface ProblemBody {
  code?: unknown;
  errors?: unknown;
  correlationId?: unknown;
}

/** Turns anything a request threw into words. */
export function describeError(error: unknown, context: ErrorContext = 'other'): ErrorDescription {
  if (!(error instanceof ApiError)) {
    return {
      message: `Could not reach the server. Check your connection and try again. ${RETRY_IS_SAFE}`,
      fieldErrors: {},
    };
  }
  const body = (typeof error.body === 'object' && error.body !== null ? error.body : {}) as ProblemBody;
  const fieldErrors: Record<string, string[]> = {};
  if (Array.isArray(body.errors)) {
    for (const entry of body.errors as { field?: unknown; messages?: unknown }[]) {
      if (typeof entry?.field !== 'string' || !Array.isArray(entry.messages)) continue;
      fieldErrors[entry.field] = entry.messages
        .filter((message): message is string => typeof message === 'string')
        .map((message) => fieldMessage(entry.field as string, message));
    }
  }
  if (!isErrorCode(body.code)) {
    const message =
      error.status >= 500
        ? `The server is not answering properly right now. Try again in a few seconds. ${RETRY_IS_SAFE}`
        : `The request failed (${error.status}${error.statusText ? ` ${error.statusText}` : ''}).`;
    return { message, fieldErrors };
  }
  const code = body.code;
  let message = IN_CONTEXT[context]?.[code] ?? MESSAGES[code];
  if (code === ErrorCode.INTERNAL_ERROR && typeof body.correlationId === 'string')
    message += ` If it keeps happening, quote reference ${body.correlationId}.`;
  return { message, code, fieldErrors };
}

/** The codes that mean the session is over: the person must sign in again. */
export function endsSession(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 401) return false;
  const code = (error.body as ProblemBody | undefined)?.code;
  return code === ErrorCode.SESSION_EXPIRED || code === ErrorCode.UNAUTHENTICATED;
}

/** An admin must set up their second factor before anything else (docs/design.md §15). */
export function enrolmentRequired(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 403 &&
    (error.body as ProblemBody | undefined)?.code === ErrorCode.TOTP_ENROLLMENT_REQUIRED
  );
}

/** The sign-in needs the admin's second factor (docs/design.md §15). */
export function codeRequired(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 401 &&
    (error.body as ProblemBody | undefined)?.code === ErrorCode.TOTP_REQUIRED
  );
}
