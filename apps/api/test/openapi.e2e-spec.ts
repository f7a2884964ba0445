import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableJson } from '../src/openapi/openapi';
import { startApi, TestApi } from '@wallet/testing/test-app';

/** Every route of docs/design.md §5, as `METHOD path` with OpenAPI path parameters. */
const DESIGN_ROUTES = [
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/admin/register',
  'POST /api/v1/auth/admin/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/me',
  'POST /api/v1/users/me/deactivate',
  'GET /api/v1/wallet',
  'POST /api/v1/wallet/withdraw',
  'POST /api/v1/wallet/transfer',
  'GET /api/v1/wallet/transactions',
  'GET /api/v1/admin/users',
  'GET /api/v1/admin/users/{id}',
  'POST /api/v1/admin/users/{id}/deposit',
  'POST /api/v1/admin/users/{id}/freeze',
  'POST /api/v1/admin/users/{id}/unfreeze',
  'POST /api/v1/admin/users/{id}/activate',
  'POST /api/v1/admin/users/{id}/deactivate',
  'GET /api/v1/admin/users/{id}/transactions',
  'GET /api/v1/admin/audit-log',
  // Undelivered mail (docs/design.md §6).
  'GET /api/v1/admin/emails/undelivered',
  'POST /api/v1/admin/emails/{id}/resend',
  'POST /api/v1/admin/emails/{id}/abandon',
  // Corrections, memos, statements (docs/design.md §13).
  'POST /api/v1/admin/transactions/{id}/reverse',
  'GET /api/v1/wallet/balance',
  'GET /api/v1/wallet/statement',
  'GET /api/v1/wallet/statement.csv',
  'GET /api/v1/admin/users/{id}/balance',
  'GET /api/v1/admin/users/{id}/statement',
  'GET /api/v1/admin/users/{id}/statement.csv',
  // Admin second factor and four eyes (docs/design.md §15).
  'GET /api/v1/auth/admin/totp',
  'POST /api/v1/auth/admin/totp/setup',
  'POST /api/v1/auth/admin/totp/enable',
  'POST /api/v1/admin/users/{id}/totp/reset',
  'GET /api/v1/admin/approvals',
  'POST /api/v1/admin/approvals/{id}/approve',
  'POST /api/v1/admin/approvals/{id}/reject',
  // Webhooks (docs/design.md §14).
  'POST /api/v1/admin/webhooks',
  'GET /api/v1/admin/webhooks',
  'GET /api/v1/admin/webhooks/{id}',
  'PATCH /api/v1/admin/webhooks/{id}',
  'DELETE /api/v1/admin/webhooks/{id}',
  'POST /api/v1/admin/webhooks/{id}/rotate-secret',
  'GET /api/v1/admin/webhooks/{id}/deliveries',
  'POST /api/v1/admin/webhooks/deliveries/{id}/retry',
  'GET /health',
  'GET /health/ready',
];

type Spec = {
  paths: Record<
    string,
    Record<
      string,
      {
        security?: unknown[];
        parameters?: { name: string; in: string }[];
        responses: Record<string, { content?: Record<string, unknown> }>;
      }
    >
  >;
  components: { securitySchemes: Record<string, unknown> };
};

describe('openapi.json', () => {
  const file = readFileSync(join(__dirname, '../../../openapi.json'), 'utf8');
  const spec = JSON.parse(file) as Spec;
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('is a valid OpenAPI 3 document', async () => {
    const validated = await SwaggerParser.validate(JSON.parse(file));
    expect((validated as { openapi: string }).openapi).toMatch(/^3\./);
  });

  it('is exactly what the running app serves at /docs-json', async () => {
    const live = await api.http.get('/docs-json').expect(200);
    expect(stableJson(live.body)).toBe(file);
    await api.http.get('/docs').expect(200);
  });

  it('lists every route of docs/design.md §5, and no other', () => {
    expect(operations.map((operation) => operation.route).sort()).toEqual([...DESIGN_ROUTES].sort());
  });

  it('documents the bearer scheme on every authenticated route', () => {
    expect(spec.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const publicRoutes = ['register', 'login', 'health'];
    for (const { route, operation } of operations) {
      const isPublic = publicRoutes.some((name) => route.includes(`/${name}`));
      expect([route, (operation.security ?? []).length > 0]).toEqual([route, !isPublic]);
    }
  });

  it('requires Idempotency-Key on exactly the money routes: the three moves and the reversal', () => {
    const withKey = operations
      .filter(({ operation }) =>
        (operation.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
      )
      .map(({ route }) => route);
    expect(withKey.sort()).toEqual(
      [
        'POST /api/v1/admin/transactions/{id}/reverse',
        'POST /api/v1/admin/users/{id}/deposit',
        'POST /api/v1/wallet/transfer',
        'POST /api/v1/wallet/withdraw',
      ].sort(),
    );
  });

  it('gives every error answer the problem+json schema, and every route a 500', () => {
    for (const { route, operation } of operations) {
      expect([route, operation.responses['500']]).toEqual([route, expect.anything()]);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect([route, status, Object.keys(response.content ?? {})]).toEqual([
          route,
          status,
          ['application/problem+json'],
        ]);
      }
    }
  });
});
