import { ERROR_STATUS, ErrorCode } from '@wallet/shared';
import type { HttpAnswer } from './http';

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
/** A frame of a Node stack trace, e.g. `at Foo.bar (/x/y.js:12:3)`. */
const STACK_FRAME = /\bat .+[\\/].+\.(js|ts|mjs|cjs):\d+/;
/** An argon2 or bcrypt hash, or a field that would hold one. */
const PASSWORD_HASH = /\$argon2(id|i|d)\$|\$2[aby]\$\d\d\$|passwordHash|password_hash/i;

/**
 * What is wrong with an answer by docs/design.md §5, whatever the request: an error must be
 * problem+json with a known `code` matching its status (503 with Retry-After), and no answer may
 * carry a stack trace or a password hash. Empty when the answer is fine.
 */
export function answerIssues(answer: HttpAnswer): string[] {
  const issues: string[] = [];
  if (STACK_FRAME.test(answer.text)) issues.push('carries a stack trace');
  if (PASSWORD_HASH.test(answer.text)) issues.push('carries a password hash');
  if (answer.status < 400) return issues;
  const contentType = String(answer.headers['content-type'] ?? '');
  if (!contentType.startsWith('application/problem+json')) issues.push(`content type "${contentType}"`);
  const code: unknown = answer.body?.code;
  if (typeof code !== 'string' || !KNOWN_CODES.has(code)) {
    issues.push(`unknown code ${JSON.stringify(code)}`);
  } else if (ERROR_STATUS[code as ErrorCode] !== answer.status) {
    issues.push(`code ${code} with status ${answer.status}`);
  }
  if (answer.body?.status !== answer.status) issues.push(`body status ${String(answer.body?.status)}`);
  if (answer.status === 503 && answer.headers['retry-after'] === undefined)
    issues.push('503 without Retry-After');
  return issues;
}

/** `status code` of an answer, for tallies: `201`, `422 INSUFFICIENT_FUNDS`. */
export function label(answer: HttpAnswer): string {
  const code: unknown = answer.body?.code;
  return typeof code === 'string' && answer.status >= 400
    ? `${answer.status} ${code}`
    : String(answer.status);
}

/** Counts of labels, as `a: 1, b: 2`, most frequent first. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  keys(): string[] {
    return [...this.counts.keys()];
  }

  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  toString(): string {
    const entries = [...this.counts].sort((a, b) => b[1] - a[1]);
    return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key}: ${n}`).join(', ');
  }
}
