import 'reflect-metadata';
import { ConfigError, configFromProcessEnv } from '@wallet/config';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const config = configFromProcessEnv();
  const app = await createApp(config);
  await app.listen({ port: config.port, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
