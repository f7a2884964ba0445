import type { FastifyInstance } from 'fastify';
import { ValidationFailedError } from '../errors/domain-error';

/**
 * Deeper than any request body of the API (they are flat objects). Code that walks a body
 * recursively (the idempotency fingerprint, class-transformer) would otherwise overflow the
 * stack on `[[[[…]]]]` and answer 500.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Text no field of the API can hold: a UTF-16 surrogate on its own (JSON allows `"\ud800"`, but
 * it is not text; validator.js's isEmail throws URIError on it) and NUL, which Postgres refuses
 * in text columns and parameters (`invalid byte sequence for encoding "UTF8": 0x00`).
 */
// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const UNFIT_TEXT = /[\p{Cs}\u0000]/u;
const UNFIT_TEXT_MESSAGE = 'must be well-formed Unicode text without NUL characters';

/**
 * What makes a parsed body or query unfit for any route, before validation looks at it: nesting
 * deeper than `maxDepth`, or a key or string that no field can hold. Iterative on purpose.
 */
export function inputDefect(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === 'string') {
      if (UNFIT_TEXT.test(node)) return UNFIT_TEXT_MESSAGE;
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) return `must not be nested more than ${maxDepth} levels deep`;
    for (const [key, child] of Object.entries(node)) {
      if (UNFIT_TEXT.test(key)) return UNFIT_TEXT_MESSAGE;
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

/**
 * Refuses such a body or query string with 400 before any handler, interceptor or pipe runs, so
 * it can reach neither the code that walks it nor Postgres.
 */
export function refuseUnfitInput(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    for (const [field, value] of [
      ['body', request.body],
      ['query', request.query],
    ] as const) {
      const defect = inputDefect(value);
      if (defect !== undefined) {
        throw new ValidationFailedError([{ field, messages: [defect] }], `The request ${field} ${defect}.`);
      }
    }
  });
}
