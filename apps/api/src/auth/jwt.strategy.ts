import { Inject, Injectable, type Type } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { createSecretKey } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../common/decorators/auth.decorators';
import { AuthService } from './auth.service';

type Verifier = (
  token: string,
  key: unknown,
  options: unknown,
  done: (error: Error | null, payload?: { exp?: number }) => void,
) => void;

/**
 * Tokens whose signature passport-jwt has checked, with the key that checked them and their
 * claims: a client sends the same token on every request until it refreshes it, and checking it
 * again cost a tenth of a cached read. Only a token identical to a verified one, under the same
 * key, is taken on trust, and only until its `exp`; its session is still checked every time.
 * passport-jwt verifies through its `JwtVerifier` hook, which this wraps once.
 */
const verified = new LRUCache<string, { key: unknown; payload: { exp?: number } }>({ max: 10_000 });
const strategyClass = Strategy as unknown as { JwtVerifier: Verifier };
const verifyToken = strategyClass.JwtVerifier;
strategyClass.JwtVerifier = (token, key, options, done) => {
  const known = verified.get(token);
  if (known !== undefined && known.key === key && (known.payload.exp ?? 0) * 1000 > Date.now()) {
    return done(null, known.payload);
  }
  verifyToken(token, key, options, (error, payload) => {
    if (!error && payload) verified.set(token, { key, payload });
    done(error, payload);
  });
};

/**
 * The bearer token (docs/design.md §4), through passport-jwt: HS256 only, `exp` enforced. A token is only
 * as good as its session: `validate` finds the session live in Postgres, bound to the token's
 * subject, and takes the role from the database, so a logout or deactivation ends it at once.
 *
 * passport keeps its strategies in one registry per process, by name: each application gets a
 * strategy of its own name, or the last one created (a second API instance in one test process)
 * would authenticate every instance's requests with its own services.
 */
export function jwtStrategyNamed(name: string): Type {
  @Injectable()
  class JwtStrategy extends PassportStrategy(Strategy, name) {
    constructor(
      @Inject(APP_CONFIG) config: AppConfig,
      private readonly auth: AuthService,
    ) {
      super({
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        // A key object, which jsonwebtoken takes as it is (passport-jwt's types say string or
        // Buffer): given a string, it first tries to parse it as a public key on every verification.
        secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
        algorithms: ['HS256'],
        ignoreExpiration: false,
      });
    }

    validate(payload: unknown): Promise<AuthUser> {
      return this.auth.callerOf(payload);
    }
  }
  return JwtStrategy;
}
