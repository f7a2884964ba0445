import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from '../../apps/api/test/support/redis-server';
import { sleep } from './accounts';
import { TMP_DIR } from './settings';

/**
 * A redis-server of the scenario's own that keeps its data the way a production Redis for BullMQ
 * must: an append-only file fsynced on every write. Killing it with SIGKILL is then a crash that
 * loses no acknowledged write, and a restart on the same directory reloads the queues.
 */
export class DurableRedis {
  private process?: ChildProcess;
  private readonly dir: string;

  private constructor(readonly port: number) {
    this.dir = join(TMP_DIR, `redis-${port}`);
  }

  static async start(): Promise<DurableRedis> {
    const redis = new DurableRedis(await freePort());
    rmSync(redis.dir, { recursive: true, force: true });
    mkdirSync(redis.dir, { recursive: true });
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      [
        ...['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir],
        ...['--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
      ],
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
        // Answers LOADING until the append-only file is read back.
        await client.ping();
        client.disconnect();
        return;
      } catch {
        client.disconnect();
        await sleep(50);
      }
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  /** SIGKILL: a crash. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Stops it for good and removes its files. */
  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
