import 'reflect-metadata';
import { loadConfig } from '@wallet/config';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, HttpClient } from 'openapi-typescript-codegen';
import { createApp } from '../app.factory';
import { buildOpenApiDocument, stableJson } from '../openapi/openapi';
import { runCli } from './run-cli';

const ROOT = process.cwd();

/**
 * `npm run openapi`: builds the spec from the app's own routes and DTOs without listening or
 * connecting to anything (Nest's preview mode instantiates no provider), writes openapi.json,
 * then regenerates libs/sdk from it. Never edit either by hand (CONVENTIONS).
 */
runCli(async () => {
  const app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), { preview: true });
  const spec = stableJson(buildOpenApiDocument(app));
  await app.close();
  writeFileSync(join(ROOT, 'openapi.json'), spec);
  await generate({
    input: JSON.parse(spec) as object,
    output: join(ROOT, 'libs/sdk/src'),
    httpClient: HttpClient.FETCH,
    clientName: 'WalletClient',
    useOptions: true,
    useUnionTypes: true,
  });
  console.log('Wrote openapi.json and libs/sdk/src.');
});
