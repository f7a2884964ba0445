import { DynamicModule, Global, Inject, Module } from '@nestjs/common';
import { existsSync } from 'node:fs';
import type { AppConfig } from './app-config';
import { loadConfig } from './load-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Injects the typed {@link AppConfig}. */
export const InjectConfig = (): ParameterDecorator => Inject(APP_CONFIG);

/** Reads the process environment, after a `.env` file in the working directory if there is one. */
export function configFromProcessEnv(overrides: Record<string, string> = {}): AppConfig {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return loadConfig({ ...process.env, ...overrides });
}

@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
