import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * Serves one registry's metrics as Prometheus text on `GET /metrics`, on a port of its own, never
 * the public API's: scrapers reach it on the internal network, clients never do. The API and the
 * worker each start one (their own `METRICS_PORT`, see AppConfig.metrics).
 */
export class MetricsServer {
  private constructor(private readonly server: Server) {}

  static async start(registry: Registry, host: string, port: number): Promise<MetricsServer> {
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'GET' || path !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (error: unknown) =>
          response
            .writeHead(500, { 'content-type': 'text/plain' })
            .end(`collecting metrics failed: ${(error as Error).message}\n`),
      );
    });
    // A scraper holds its connection open between scrapes; closing must not wait for it.
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new MetricsServer(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * An application's Prometheus metrics: a registry of its own (tests start several applications
 * in one process) with Node's default metrics, served by a {@link MetricsServer} from bootstrap to
 * shutdown when the application's port is set (0 keeps it off). The API and the worker extend it
 * with their own metrics, registered in `registry`.
 */
export abstract class ServedMetrics {
  readonly registry = new Registry();
  private server: MetricsServer | null = null;

  protected constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.port !== 0) this.server = await MetricsServer.start(this.registry, this.host, this.port);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }
}
