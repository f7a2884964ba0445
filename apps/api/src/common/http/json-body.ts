import type { FastifyInstance } from 'fastify';
import { ValidationFailedError } from '../errors/domain-error';

/**
 * Deeper than any request body of the API (they are flat objects). A body nested deeper is
 * refused when it is parsed: code that walks a body recursively (the idempotency fingerprint,
 * class-transformer) would otherwise overflow the stack on `[[[[…]]]]` and answer 500.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` has objects or arrays nested more than `max` levels; iterative on purpose. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Refuses, before any handler, interceptor or pipe runs, a parsed body nested too deeply. */
export function limitJsonDepth(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    if (nestedDeeperThan(request.body, MAX_JSON_DEPTH)) {
      throw new ValidationFailedError(
        [{ field: 'body', messages: [`must not be nested more than ${MAX_JSON_DEPTH} levels deep`] }],
        'The request body is nested too deeply.',
      );
    }
  });
}
