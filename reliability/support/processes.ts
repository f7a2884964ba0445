import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@wallet/testing/ports';
import { sleep } from '@wallet/testing/wait';
import { distEntry } from '../../scripts/lib/dist';
import { NoAnswerError, HttpClient } from './http';
import { LOG_DIR, REPO_ROOT, runSettings } from './settings';

/** The compiled entry points, as `npm run start:api` / `start:worker` run them. */
export const API_MAIN = join(REPO_ROOT, distEntry('api', 'main'));
export const WORKER_MAIN = join(REPO_ROOT, distEntry('worker', 'main'));

/** Every child this test file started, so `stopAll` can make sure none outlives it. */
const running = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * One compiled Node process (the API or the worker) with its own environment, logging to
 * `reliability/tmp/logs/<name>.log`. It is started directly with `node`, not through
 * `scripts/dist-run.mts`, so that a signal reaches the service itself: `kill -9` of a wrapper
 * would orphan the real process.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<Exit>;
  private starts = 0;
  /** The log of the current (latest) start. */
  logFile = '';

  constructor(
    readonly name: string,
    private readonly main: string,
    readonly env: Record<string, string>,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process (again); resolves once `ready()` says so. */
  async start(ready: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    if (this.alive) throw new Error(`${this.name} is already running`);
    this.starts++;
    mkdirSync(LOG_DIR, { recursive: true });
    this.logFile = join(LOG_DIR, `${this.name}.${this.starts}.log`);
    const log = createWriteStream(this.logFile);
    const child = spawn(process.execPath, [this.main], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    running.add(child);
    this.child = child;
    this.exited = new Promise<Exit>((resolve) =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        resolve({ code, signal });
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) {
        const exit = await this.exited;
        throw new Error(`${this.name} exited while starting (${JSON.stringify(exit)}); see its log`);
      }
      if (await ready().catch(() => false)) return;
      await sleep(50);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms`);
  }

  /** Sends a signal and returns how the process ended. */
  async signal(signal: NodeJS.Signals): Promise<Exit> {
    const exited = this.exited;
    if (!this.alive || !exited) return (await exited) ?? { code: null, signal: null };
    this.child!.kill(signal);
    return exited;
  }

  /** Resolves when the process exits, however that happens. */
  waitForExit(): Promise<Exit> {
    return this.exited ?? Promise.resolve({ code: null, signal: null });
  }

  /** `kill -9`: no shutdown hook runs, connections drop, transactions in flight roll back. */
  kill(): Promise<Exit> {
    return this.signal('SIGKILL');
  }
}

/** Environment shared by every API process of the run; scenarios add to or override it. */
export function apiEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  const settings = runSettings();
  return {
    NODE_ENV: 'production',
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: settings.redisUrl,
    REDIS_KEY_PREFIX: settings.redisPrefix,
    JWT_SECRET: settings.jwtSecret,
    ADMIN_REGISTRATION_SECRET: settings.adminSecret,
    LOGIN_RATE_LIMIT_PER_IP: '1000000',
    REGISTRATION_RATE_LIMIT_PER_IP: '1000000',
    LOG_LEVEL: 'warn',
    ...overrides,
  };
}

/** A compiled API process on a port of its own, with an HTTP client pointed at it. */
export class ApiProcess extends ServiceProcess {
  readonly http: HttpClient;

  private constructor(
    name: string,
    readonly port: number,
    env: Record<string, string>,
  ) {
    super(name, API_MAIN, { ...env, PORT: String(port) });
    this.http = new HttpClient(this.baseUrl, { maxSockets: 64 });
  }

  static async start(name: string, overrides: Record<string, string> = {}): Promise<ApiProcess> {
    const api = new ApiProcess(name, await freePort(), apiEnvironment(overrides));
    await api.restart();
    return api;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process again on the same port; ready once `GET /health` answers 200. */
  restart(): Promise<void> {
    return this.start(async () => {
      const probe = new HttpClient(this.baseUrl, { keepAlive: false });
      try {
        const answer = await probe.request({ method: 'GET', path: '/health', timeoutMs: 1_000 });
        return answer.status === 200;
      } catch (error) {
        if (error instanceof NoAnswerError) return false;
        throw error;
      } finally {
        probe.close();
      }
    });
  }
}

/** The compiled worker (outbox relay, email and transaction-log processors) on the run's settings. */
export class WorkerProcess extends ServiceProcess {
  static async start(name: string, overrides: Record<string, string> = {}): Promise<WorkerProcess> {
    // info: the worker says "worker started" at that level once its modules are up.
    const worker = new WorkerProcess(name, WORKER_MAIN, apiEnvironment({ LOG_LEVEL: 'info', ...overrides }));
    await worker.start(
      async () =>
        existsSync(worker.logFile) && readFileSync(worker.logFile, 'utf8').includes('worker started'),
    );
    return worker;
  }
}

/** Kills whatever is still running: for `afterAll`, so a failed test leaves no process behind. */
export async function stopAll(): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
