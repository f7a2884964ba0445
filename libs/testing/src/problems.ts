import type { Response } from 'supertest';

/** Asserts a problem+json answer (docs/design.md §5) with the given status and code. */
export function expectProblem(response: Response, status: number, code: string): void {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  expect(JSON.stringify(response.body)).not.toMatch(/at .+\.(js|ts):\d+/); // no stack trace
}
