import { ConfigError } from '@wallet/config';

/** Runs a command-line task: a plain message and exit code 1 on failure, never a stack trace. */
export function runCli(task: () => Promise<number | void>): void {
  task().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      console.error(
        error instanceof ConfigError ? error.message : `Failed: ${(error as Error).message ?? error}`,
      );
      process.exit(1);
    },
  );
}
