import { Agent, IncomingHttpHeaders, request as httpRequest } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The raw body. */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON, probed field by field
  body: any;
  /** True when the server replayed a stored answer (docs/design.md §3.6). */
  replayed: boolean;
}

/**
 * The request never got a complete answer: the connection was refused, reset or closed early,
 * or it timed out. `code` is Node's error code (ECONNREFUSED, ECONNRESET, …).
 */
export class NoAnswerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'NoAnswerError';
  }

  /** The connection was never made: the request certainly did not reach the server. */
  get refused(): boolean {
    return this.code === 'ECONNREFUSED';
  }
}

export interface HttpRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or Buffer as is (with whatever content type is given). */
  body?: unknown;
  timeoutMs?: number;
}

/**
 * A small HTTP client over a keep-alive agent. Unlike fetch or supertest it shows exactly how a
 * request ended at the socket level, which the crash and shutdown scenarios need to tell "the
 * server answered" from "the connection was cut".
 */
export class HttpClient {
  readonly agent: Agent;

  constructor(
    public baseUrl: string,
    { maxSockets = 16, keepAlive = true }: { maxSockets?: number; keepAlive?: boolean } = {},
  ) {
    this.agent = new Agent({ keepAlive, maxSockets });
  }

  request({ method, path, headers = {}, body, timeoutMs = 15_000 }: HttpRequest): Promise<HttpAnswer> {
    let payload: Buffer | undefined;
    const sent: Record<string, string> = { ...headers };
    if (Buffer.isBuffer(body)) payload = body;
    else if (typeof body === 'string') payload = Buffer.from(body, 'utf8');
    else if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body), 'utf8');
      if (!Object.keys(sent).some((name) => name.toLowerCase() === 'content-type')) {
        sent['content-type'] = 'application/json';
      }
    }
    if (payload) sent['content-length'] = String(payload.length);

    return new Promise((resolve, reject) => {
      const url = new URL(path, this.baseUrl);
      let settled = false;
      const fail = (error: NodeJS.ErrnoException) => {
        if (settled) return;
        settled = true;
        reject(new NoAnswerError(error.code ?? 'EUNKNOWN', error.message));
      };
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method,
          headers: sent,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('aborted', () => fail(Object.assign(new Error('response aborted'), { code: 'EABORTED' })));
          res.on('end', () => {
            if (settled) return;
            if (!res.complete) {
              fail(Object.assign(new Error('response cut short'), { code: 'ECUTSHORT' }));
              return;
            }
            settled = true;
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = undefined;
            }
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              body: parsed,
              replayed: res.headers['idempotency-replayed'] === 'true',
            });
          });
        },
      );
      req.setTimeout(timeoutMs, () => {
        req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      });
      req.on('error', fail);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
