import 'reflect-metadata';
import { configFromProcessEnv } from '@wallet/config';
import { runMigrations } from '@wallet/database';
import { runCli } from './run-cli';

runCli(async () => {
  const applied = await runMigrations(configFromProcessEnv());
  console.log(
    applied.length ? `Applied migrations:\n  ${applied.join('\n  ')}` : 'The database is up to date.',
  );
});
