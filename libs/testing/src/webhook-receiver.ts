import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { waitFor } from './wait';

/** One request a receiver got: what a service receiving webhooks sees. */
export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  /** The raw body, as signed. */
  body: string;
  json: { type: string; timestamp: string; data: Record<string, unknown> };
  at: number;
}

/** How to answer one request: a status, or never (the worker's 10 s timeout ends it). */
export type Answer = number | 'hang';

/**
 * A real HTTP server on loopback standing in for a service that receives webhooks
 * (docs/design.md §14). It records every request, answers each as `answer` says (200 unless
 * told otherwise), and can be stopped and started again on the same port, as a receiver that
 * goes down and comes back.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Decides each answer; replace it to make the receiver fail, then recover. */
  answer: (request: ReceivedWebhook) => Answer = () => 200;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(public port: number) {}

  /** Starts listening, on `port` or any free one. */
  static async start(port = 0): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(port);
    await receiver.listen();
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  async listen(): Promise<void> {
    const server = createServer((request, response) => this.handle(request, response));
    server.keepAliveTimeout = 30_000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Goes down at once: the listener closes and every open connection is cut. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.hanging.clear();
    await closed;
  }

  /** Answers every request left hanging, so nothing waits for its timeout. */
  release(status = 200): void {
    for (const response of this.hanging) response.writeHead(status).end();
    this.hanging.clear();
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  /** Waits until `path` has received requests that `done` accepts, and returns them. */
  waitFor(
    path: string,
    done: (requests: ReceivedWebhook[]) => boolean,
    { timeoutMs = 15_000, what = `webhooks at ${path}` } = {},
  ): Promise<ReceivedWebhook[]> {
    return waitFor(
      () => {
        const requests = this.at(path);
        return done(requests) ? requests : undefined;
      },
      { timeoutMs, what },
    );
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const received: ReceivedWebhook = {
        path: request.url ?? '',
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
        ),
        body,
        json: JSON.parse(body) as ReceivedWebhook['json'],
        at: Date.now(),
      };
      this.received.push(received);
      const answer = this.answer(received);
      if (answer === 'hang') {
        this.hanging.add(response);
        return;
      }
      response.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    });
  }
}
