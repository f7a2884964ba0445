import { DynamicModule, ExecutionContext, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TotpController } from '../totp/totp.controller';
import { TotpModule } from '../totp/totp.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { authGuardFor } from './auth.guard';
import { AuthService } from './auth.service';
import { jwtStrategyNamed } from './jwt.strategy';
import { PasswordHasher } from './password.hasher';
import { loginThrottlers } from './throttling/rate-limits';
import { RedisThrottlerStorage } from './throttling/redis-throttler.storage';

const IMPORTS = [
  UsersModule,
  SessionsModule,
  TotpModule,
  PassportModule,
  JwtModule.registerAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      // A key object, not the string: given a string, jsonwebtoken first tries to parse it as
      // a public key on every verification, which cost a tenth of the API's CPU under load.
      secret: createSecretKey(Buffer.from(config.jwtSecret)),
      signOptions: { algorithm: 'HS256' },
    }),
  }),
  ThrottlerModule.forRootAsync({
    inject: [APP_CONFIG, REDIS],
    useFactory: (config: AppConfig, redis: Redis) => ({
      throttlers: loginThrottlers(config),
      storage: new RedisThrottlerStorage(redis),
      // One count per IP and per email across both sign-in routes (the default key is per route).
      generateKey: (_context: ExecutionContext, tracker: string, throttler: string) =>
        `${throttler}:${tracker}`,
    }),
  }),
];

let applications = 0;

/** Sign-up, sign-in, sessions and the global guard (docs/design.md §4). */
@Module({})
export class AuthModule {
  /** One per application: its passport strategy has a name of its own (see jwtStrategyNamed). */
  static forRoot(): DynamicModule {
    const strategy = `jwt-${++applications}`;
    return {
      module: AuthModule,
      imports: IMPORTS,
      controllers: [AuthController, TotpController],
      providers: [
        AuthService,
        jwtStrategyNamed(strategy),
        PasswordHasher,
        { provide: APP_GUARD, useClass: authGuardFor(strategy) },
      ],
      exports: [AuthService],
    };
  }
}
