import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import Redis from 'ioredis';
import { freePort } from './ports';
import { sleep } from './wait';

/**
 * A Redis server of the test's own, to kill, pause and restart without disturbing anything else.
 * By default it keeps nothing on disk, so a restart starts empty. With `dataDir` it keeps its data
 * the way a production Redis for BullMQ must (an append-only file fsynced on every write): a kill
 * is then a crash that loses no acknowledged write, and a restart reloads it.
 */
export class PrivateRedis {
  private process?: ChildProcess;

  private constructor(
    readonly port: number,
    private readonly dataDir?: string,
  ) {}

  static async start(options: { dataDir?: string } = {}): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), options.dataDir);
    if (options.dataDir) {
      rmSync(options.dataDir, { recursive: true, force: true });
      mkdirSync(options.dataDir, { recursive: true });
    }
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const persistence = this.dataDir
      ? ['--dir', this.dataDir, '--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no'];
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...persistence],
      { stdio: 'ignore' },
    );
    const client = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        await client.connect();
        await client.ping(); // answers LOADING until an append-only file is read back
        client.disconnect();
        return;
      } catch {
        client.disconnect();
        await sleep(50);
      }
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  /** Kills the server (SIGKILL), as a crash would. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Stops it for good and removes its files. */
  async destroy(): Promise<void> {
    await this.stop();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Freezes the server: connections stay open but nothing answers, as with a hung Redis. */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }
}
