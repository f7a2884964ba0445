import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { SessionEndReason, UserRow } from '@wallet/database';
import { Role, UserStatus } from '@wallet/shared';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthUser } from '../common/decorators/auth.decorators';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-error';
import { isUuid } from '../common/http/field-transforms';
import { SessionsRepository } from '../sessions/sessions.repository';
import { mapUser } from '../users/dto/user-response.dto';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import {
  AccountInactiveError,
  AdminRegistrationDisabledError,
  InvalidCredentialsError,
  SessionExpiredError,
} from './auth.errors';
import { AdminLoginRequestDto, LoginRequestDto, RegisterRequestDto } from './dto/auth-request.dto';
import { TotpService } from '../totp/totp.service';
import { LoginResponseDto } from './dto/login-response.dto';
import { PasswordHasher } from './password.hasher';

interface TokenClaims {
  sub: string;
  role: Role;
  sid: string;
  exp: number;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly users: UsersService,
    private readonly usersRepository: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly totp: TotpService,
  ) {}

  async register(request: RegisterRequestDto, role: Role): Promise<UserRow> {
    const passwordHash = await this.hasher.hash(request.password);
    return this.users.create({ name: request.name, email: request.email, passwordHash, role });
  }

  /** docs/design.md §4: disabled without a configured secret; compared in constant time. */
  assertAdminSecret(given: string | undefined): void {
    const expected = this.config.adminRegistrationSecret;
    if (expected === undefined) throw new AdminRegistrationDisabledError();
    const digest = (value: string) => createHash('sha256').update(value).digest();
    if (given === undefined || !timingSafeEqual(digest(given), digest(expected))) {
      throw new ForbiddenError('The X-Admin-Secret header is missing or wrong.');
    }
  }

  /**
   * Unknown email and wrong password fail alike (docs/design.md §4); so does a non-admin on the admin
   * sign-in. An admin's second factor is checked next, on either sign-in route (the user one
   * takes no code, so it refuses an admin who has one, docs/design.md §15). Only after both are proven
   * is an inactive account told so.
   */
  async login(
    request: LoginRequestDto | AdminLoginRequestDto,
    adminOnly: boolean,
  ): Promise<LoginResponseDto> {
    const user = await this.usersRepository.findByEmailForLogin(request.email);
    const valid = await this.hasher.verify(user?.passwordHash, request.password);
    if (!user || !valid || (adminOnly && user.role !== Role.ADMIN)) throw new InvalidCredentialsError();
    if (user.role === Role.ADMIN) {
      await this.totp.verifySignIn(user.id, 'totpCode' in request ? request.totpCode : undefined);
    }
    if (user.status !== UserStatus.ACTIVE) throw new AccountInactiveError();
    const session = await this.sessions.create(user.id, this.config.sessionMaxAgeSeconds);
    if (!session) throw new AccountInactiveError(); // deactivated while the password was checked
    return this.tokenResponse(user, session.id, session.expiresAt);
  }

  /** A fresh token for the caller's session; the guard has already reset its idle timer. */
  async refresh(caller: AuthUser): Promise<LoginResponseDto> {
    const user = await this.users.get(caller.id);
    return this.tokenResponse(user, caller.sessionId, caller.sessionExpiresAt);
  }

  async logout(caller: AuthUser): Promise<void> {
    await this.sessions.end(caller.sessionId, SessionEndReason.LOGOUT);
  }

  /**
   * The caller a verified token names (JwtStrategy checked its signature, algorithm and expiry):
   * its claims must have the right shape, and its session must be live in Postgres, bound to the
   * token's subject; the role is the one Postgres has (docs/design.md §4). The idle timer is reset.
   */
  async callerOf(payload: unknown): Promise<AuthUser> {
    const claims = claimsOf(payload);
    const state = await this.sessions.check(claims.sid, claims.sub);
    if (!state.live && state.reason === 'expired') throw new SessionExpiredError();
    if (!state.live) throw new UnauthenticatedError('This session has ended; sign in again.');
    return {
      id: claims.sub,
      role: state.role,
      sessionId: claims.sid,
      sessionExpiresAt: new Date(claims.exp * 1000),
      walletVersion: state.walletVersion,
      secondFactor: state.secondFactor,
    };
  }

  private async tokenResponse(user: UserRow, sessionId: string, expiresAt: Date): Promise<LoginResponseDto> {
    const claims: TokenClaims = {
      sub: user.id,
      role: user.role,
      sid: sessionId,
      exp: Math.floor(expiresAt.getTime() / 1000),
    };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.sessionIdleTimeoutSeconds,
      user: mapUser(user),
    };
  }
}

function claimsOf(payload: unknown): TokenClaims {
  const { sub, role, sid, exp } = (payload ?? {}) as Partial<TokenClaims>;
  if (
    !isUuid(sub) ||
    !isUuid(sid) ||
    !Object.values(Role).includes(role as Role) ||
    typeof exp !== 'number'
  ) {
    throw new UnauthenticatedError('The bearer token is invalid.');
  }
  return { sub, role: role as Role, sid, exp };
}
