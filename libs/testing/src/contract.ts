import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { freePort } from './ports';

const ROOT = join(__dirname, '../../..');
export const OPENAPI_DOCUMENT = join(ROOT, 'openapi.json');
const PRISM = join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js');

/** The contract check is on in the jest project `contract`, or for any e2e run with CONTRACT=1. */
export const contractEnabled = () =>
  process.env.CONTRACT === '1' || (globalThis as { __CONTRACT__?: boolean }).__CONTRACT__ === true;

export interface Violation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

export interface Exchange {
  method: string;
  path: string;
  status: number;
  violations: Violation[];
  /** On a 400: the API's problem, to see which fields it refused. */
  problem?: { code?: string; errors?: { field: string; messages: string[] }[] };
}

/**
 * Properties whose format Prism cannot check: it validates with ajv-formats, which has no
 * `idn-email` and ignores it, so only the API judges those emails.
 */
function uncheckedFormatFields(document: string): Set<string> {
  const fields = new Set<string>();
  const visit = (node: unknown, name?: string): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (name && record.format === 'idn-email') fields.add(name);
    if (record.properties && typeof record.properties === 'object') {
      for (const [key, value] of Object.entries(record.properties)) visit(value, key);
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'properties') visit(value);
  };
  visit(JSON.parse(readFileSync(document, 'utf8')));
  return fields;
}

/**
 * A field error the spec cannot express or Prism cannot check: an undeclared query parameter
 * (OpenAPI 3.0 has no way to close a query; request bodies are closed with
 * `additionalProperties: false`), or an `idn-email` property.
 */
function beyondTheSpec(error: { field: string; messages: string[] }, unchecked: Set<string>): boolean {
  return unchecked.has(error.field) || error.messages.every((m) => /^property .+ should not exist$/.test(m));
}

/**
 * What counts as the code disagreeing with openapi.json, judged from Prism's verdict on one
 * request and the status the API answered it with:
 * - any error in the response (body, headers, an undeclared status or content type);
 * - a request the spec forbids that the API nevertheless accepted (status below 400);
 * - a route the spec does not declare that the API served (but for Swagger UI at /docs);
 * - a request the spec allows that the API refused as malformed (400 VALIDATION_FAILED), unless
 *   for what the spec cannot say or Prism cannot check (beyondTheSpec).
 * A request the spec forbids and the API refuses is a negative test doing its job.
 */
export function disagreement(exchange: Exchange, unchecked = new Set<string>()): string | undefined {
  const errors = exchange.violations.filter((v) => v.severity === 'Error');
  const response = errors.filter((v) => v.location[0] === 'response');
  const request = errors.filter((v) => v.location[0] === 'request');
  // Swagger UI and the live spec (/docs, /docs-json) document the API rather than belong to it.
  const unrouted =
    exchange.violations.some((v) => v.message === 'Selected route not found') &&
    !/^\/docs([-/?]|$)/.test(exchange.path);
  const reasons = [...response];
  if (exchange.status < 400) reasons.push(...request);
  if (unrouted && exchange.status < 400) reasons.push({ ...exchange.violations[0], location: ['route'] });
  if (exchange.problem?.code === 'VALIDATION_FAILED' && !request.length && !unrouted) {
    for (const error of exchange.problem.errors ?? []) {
      if (beyondTheSpec(error, unchecked)) continue;
      const message = `refused as invalid though the spec allows it: ${error.messages.join(', ')}`;
      reasons.push({ location: ['request', error.field], severity: 'Error', message });
    }
  }
  if (!reasons.length) return undefined;
  const details = reasons.map((v) => `${v.location.join('.')}: ${v.message}`).join('; ');
  return `${exchange.method} ${exchange.path} -> ${exchange.status}: ${details}`;
}

function parseViolations(header: string | string[] | undefined): Violation[] {
  if (header === undefined) return [];
  const value = Array.isArray(header) ? header.join(',') : header;
  try {
    return JSON.parse(value) as Violation[];
  } catch {
    // Prism truncates a very long list ("Too many violations! [...") and it no longer parses.
    return [{ location: ['response'], severity: 'Error', message: value.slice(0, 500) }];
  }
}

/**
 * `prism proxy openapi.json <upstream>` on a loopback port, with a small recording relay in front
 * of it: every exchange passes client -> relay -> Prism -> API, and the relay notes Prism's
 * `sl-violations` header with the status the API answered, then strips the header, so tests see
 * the API's own responses. Prism runs without `--errors`: with it, Prism would answer requests it
 * finds invalid (bad input, a missing token) itself, and the negative tests would no longer reach
 * the API.
 */
export class ContractProxy {
  readonly exchanges: Exchange[] = [];
  private readonly agent = new Agent({ keepAlive: true });

  private constructor(
    private readonly unchecked: Set<string>,
    private readonly prism: ChildProcess,
    private readonly prismPort: number,
    private readonly relay: Server,
    readonly url: string,
  ) {}

  static async start(upstream: string, document = OPENAPI_DOCUMENT): Promise<ContractProxy> {
    const prismPort = await freePort();
    const prism = spawn(
      process.execPath,
      [
        PRISM,
        'proxy',
        document,
        upstream,
        '--host',
        '127.0.0.1',
        '--port',
        String(prismPort),
        '--cors=false',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, SCARF_ANALYTICS: 'false', FORCE_COLOR: '0' },
      },
    );
    try {
      await listening(prism);
    } catch (error) {
      prism.kill();
      throw error;
    }
    // Prism's log of every request is not needed: the relay reads the verdicts.
    prism.stdout.resume();
    prism.stderr.resume();
    let proxy: ContractProxy | undefined = undefined;
    const relay = createServer((req, res) => proxy!.forward(req, res));
    relay.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const { port } = relay.address() as { port: number };
    proxy = new ContractProxy(
      uncheckedFormatFields(document),
      prism,
      prismPort,
      relay,
      `http://127.0.0.1:${port}`,
    );
    return proxy;
  }

  /** Every exchange that disagreed with the spec, described. */
  disagreements(): string[] {
    return this.exchanges
      .map((exchange) => disagreement(exchange, this.unchecked))
      .filter((d): d is string => d !== undefined);
  }

  async close(): Promise<void> {
    this.relay.closeAllConnections();
    await new Promise<void>((resolve) => this.relay.close(() => resolve()));
    this.agent.destroy();
    if (this.prism.exitCode === null && this.prism.signalCode === null) {
      const exited = new Promise((resolve) => this.prism.once('exit', resolve));
      this.prism.kill('SIGTERM');
      await exited;
    }
  }

  /** Fails with every disagreement seen, or if no traffic went through at all. */
  async closeAndCheck(): Promise<void> {
    await this.close();
    // CONTRACT_DUMP=<dir> keeps every exchange and verdict, to study what the check saw.
    if (process.env.CONTRACT_DUMP) {
      writeFileSync(
        `${process.env.CONTRACT_DUMP}/${process.pid}-${Date.now()}.json`,
        JSON.stringify(this.exchanges),
      );
    }
    const problems = this.disagreements();
    if (problems.length) {
      throw new Error(
        `${problems.length} exchange(s) disagree with openapi.json:\n  ${problems.join('\n  ')}`,
      );
    }
    if (!this.exchanges.length) throw new Error('No traffic went through the contract proxy');
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const upstream = request(
      {
        host: '127.0.0.1',
        port: this.prismPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${this.prismPort}` },
        agent: this.agent,
      },
      (answer) => {
        const { ['sl-violations']: header, ...headers } = answer.headers;
        const exchange: Exchange = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          status: answer.statusCode ?? 0,
          violations: parseViolations(header),
        };
        this.exchanges.push(exchange);
        if (exchange.status === 400) {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            try {
              exchange.problem = JSON.parse(Buffer.concat(chunks).toString()) as Exchange['problem'];
            } catch {
              // Not a problem document; the response check judges it.
            }
          });
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      this.exchanges.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status: 502,
        violations: [
          { location: ['response'], severity: 'Error', message: `proxy failed: ${error.message}` },
        ],
      });
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }
}

function listening(prism: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Prism did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Prism is listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism.stdout!.on('data', onData);
    prism.stderr!.on('data', onData);
    prism.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}) before listening:\n${output}`));
    });
  });
}
