import { ExecutionContext, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password.hasher';
import { loginThrottlers } from './throttling/rate-limits';
import { RedisThrottlerStorage } from './throttling/redis-throttler.storage';

@Module({
  imports: [
    UsersModule,
    SessionsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A key object, not the string: given a string, jsonwebtoken first tries to parse it as
        // a public key on every verification, which cost a tenth of the API's CPU under load.
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
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
  ],
  controllers: [AuthController],
  providers: [AuthService, PasswordHasher, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
