import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@wallet/testing/ports';

const ROOT = join(__dirname, '../../../..');
export const CONSOLE_INDEX = join(ROOT, 'dist/apps/console/index.html');

export interface ConsoleServer {
  url: string;
  stop(): Promise<void>;
}

/** Fails with a clear message when the console has not been built (`npm test` builds it first). */
export function assertConsoleBuilt(): void {
  if (!existsSync(CONSOLE_INDEX))
    throw new Error(
      `The console is not built (${CONSOLE_INDEX} is missing): run \`npm run build\` ` +
        '(or `npm run build:console`) before the console e2e tests; `npm test` does this itself.',
    );
}

/** The real `npm run start:console` server script, serving the built console in front of `apiUrl`. */
export async function startConsoleServer(
  apiUrl: string,
  env: Record<string, string> = {},
): Promise<ConsoleServer> {
  assertConsoleBuilt();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'scripts/console-server.mts')], {
    env: { ...process.env, CONSOLE_PORT: String(port), API_URL: apiUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console server did not start:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Console on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`console server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
