import { ERROR_STATUS, ERROR_TITLES, ErrorCode } from '@wallet/shared';

/** The problem+json body (RFC 9457) of every error answer (docs/design.md §5). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  [member: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemFor(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): Problem {
  return {
    type: `urn:wallet:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: ERROR_TITLES[code],
    status: ERROR_STATUS[code],
    detail,
    code,
    ...extra,
  };
}
