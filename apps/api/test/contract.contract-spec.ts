import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import supertest from 'supertest';
import { ContractProxy, disagreement } from '@wallet/testing/contract';

/**
 * The contract check itself: Prism with the real openapi.json in front of a fake API whose
 * answers are chosen per test, so that a disagreement is known to be caught, not only absent.
 */
describe('the contract proxy', () => {
  let answer: { status: number; body: unknown };
  let fake: Server;
  let proxy: ContractProxy;
  let http: ReturnType<typeof supertest>;

  const user = {
    id: randomUUID(),
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    role: 'user',
    status: 'active',
    createdAt: new Date().toISOString(),
  };
  const problem = (status: number, code: string) => ({
    type: 'about:blank',
    title: code,
    status,
    code,
    detail: code,
    instance: '/api/v1/auth/register',
  });

  beforeAll(async () => {
    fake = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
        res.writeHead(answer.status, { 'content-type': type }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const { port } = fake.address() as { port: number };
    proxy = await ContractProxy.start(`http://127.0.0.1:${port}`);
    http = supertest(proxy.url);
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => fake.close(resolve));
  });

  const register = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse battery' };
  async function send(body: object, status: number, responseBody: unknown, path = '/api/v1/auth/register') {
    answer = { status, body: responseBody };
    const before = proxy.exchanges.length;
    const response = await http.post(path).send(body);
    expect(response.status).toBe(status);
    expect(response.headers['sl-violations']).toBeUndefined();
    expect(proxy.exchanges).toHaveLength(before + 1);
  }

  /** Disagreements caused by the last exchange only. */
  async function disagreementsOf(body: object, status: number, responseBody: unknown, path?: string) {
    const before = proxy.disagreements().length;
    await send(body, status, responseBody, path);
    return proxy.disagreements().slice(before);
  }

  it('passes an exchange that matches the spec', async () => {
    expect(await disagreementsOf(register, 201, user)).toEqual([]);
  });

  it('flags a response whose body does not match its schema', async () => {
    const [flagged, ...rest] = await disagreementsOf(register, 201, { ...user, id: 42, role: 'superuser' });
    expect(rest).toEqual([]);
    expect(flagged).toMatch(/^POST \/api\/v1\/auth\/register -> 201: response\.body/);
    expect(flagged).toContain('id');
    expect(flagged).toContain('role');
  });

  it('flags a response missing a required property', async () => {
    const withoutCreatedAt: Partial<typeof user> = { ...user };
    delete withoutCreatedAt.createdAt;
    expect(await disagreementsOf(register, 201, withoutCreatedAt)).toEqual([
      expect.stringContaining('createdAt'),
    ]);
  });

  it('flags a status code the spec does not declare', async () => {
    expect(await disagreementsOf(register, 202, user)).toEqual([expect.stringContaining('-> 202: response')]);
  });

  it('flags a request the spec forbids that the API accepted, not one it refused', async () => {
    const invalid = { ...register, password: 'short' };
    expect(await disagreementsOf(invalid, 201, user)).toEqual([
      expect.stringMatching(/request\.body.*password/),
    ]);
    expect(await disagreementsOf(invalid, 400, problem(400, 'VALIDATION_FAILED'))).toEqual([]);
  });

  it('flags a request the spec allows that the API refused as malformed', async () => {
    const refused = (field: string, message: string) => ({
      ...problem(400, 'VALIDATION_FAILED'),
      errors: [{ field, messages: [message] }],
    });
    expect(await disagreementsOf(register, 400, refused('name', 'name must be a single line'))).toEqual([
      expect.stringMatching(/-> 400: request\.name: refused as invalid though the spec allows it/),
    ]);
    // Beyond what the spec or Prism can check: idn-email formats, undeclared query parameters.
    expect(
      await disagreementsOf(register, 400, refused('email', 'email must be a valid email address')),
    ).toEqual([]);
    answer = { status: 400, body: refused('sort', 'property sort should not exist') };
    await http.get('/api/v1/wallet/transactions?sort=asc').set('Authorization', 'Bearer x').expect(400);
    expect(disagreement(proxy.exchanges.at(-1)!)).toBeUndefined();
  });

  it('flags a route the spec does not declare being served', async () => {
    expect(await disagreementsOf({}, 200, {}, '/api/v1/undeclared')).toEqual([
      expect.stringContaining('route'),
    ]);
    expect(await disagreementsOf({}, 404, problem(404, 'NOT_FOUND'), '/api/v1/undeclared')).toEqual([]);
  });

  it('fails closeAndCheck with every disagreement seen', async () => {
    await expect(proxy.closeAndCheck()).rejects.toThrow(
      /^6 exchange\(s\) disagree with openapi\.json:\n {2}POST /,
    );
  });
});
