import type { FastifyInstance } from 'fastify';
import { ValidationFailedError } from '../errors/domain-error';

/**
 * Deeper than any request body of the API (they are flat objects). Code that walks a body
 * recursively (the idempotency fingerprint, class-transformer) would otherwise overflow the
 * stack on `[[[[…]]]]` and answer 500.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * A UTF-16 surrogate on its own: JSON allows `"\ud800"`, but it is not text. validator.js's
 * isEmail throws on it (URIError from encodeURI), and Postgres would store U+FFFD instead.
 */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * What makes a parsed body unfit for any route, before validation looks at it: nesting deeper
 * than `maxDepth`, or a key or string that is not well-formed Unicode. Iterative on purpose.
 */
export function bodyDefect(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === 'string') {
      if (LONE_SURROGATE.test(node)) return 'must be well-formed Unicode text';
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) return `must not be nested more than ${maxDepth} levels deep`;
    for (const [key, child] of Object.entries(node)) {
      if (LONE_SURROGATE.test(key)) return 'must be well-formed Unicode text';
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

/** Refuses such a body with 400 before any handler, interceptor or pipe runs. */
export function refuseUnfitBodies(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    const defect = bodyDefect(request.body);
    if (defect !== undefined) {
      throw new ValidationFailedError([{ field: 'body', messages: [defect] }], `The request body ${defect}.`);
    }
  });
}
