import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { UnitOfWork } from '@wallet/database';
import { AuditAction, Role } from '@wallet/shared';
import { generateSecret, generateURI, verify } from 'otplib';
import { AuditLogRepository } from '../admin/audit-log.repository';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { InvalidCredentialsError } from '../auth/auth.errors';
import { UsersService } from '../users/users.service';
import {
  mapTotpStatus,
  TotpEnableResponseDto,
  TotpSetupResponseDto,
  TotpStatusResponseDto,
} from './dto/totp.dto';
import { TotpAlreadyEnabledError, TotpCodeInvalidError, TotpRequiredError } from './totp.errors';
import { TotpRepository } from './totp.repository';
import { newRecoveryCodes, TOTP_CODE, TotpSecrets } from './totp-secrets';

/** The name authenticator apps show beside the admin's email. */
const ISSUER = 'Digital Wallet';

/**
 * A code of the step before or after the current one is accepted too (30 s either way), for the
 * clocks of phones and of the servers that drift a little, and for the seconds it takes to type.
 */
const EPOCH_TOLERANCE_SECONDS = 30;

/**
 * Admins' second factor (docs/design.md §15): RFC 6238 TOTP through otplib (30 s, 6 digits, SHA-1,
 * what every authenticator app speaks), with ten single-use recovery codes.
 */
@Injectable()
export class TotpService {
  private readonly secrets: TotpSecrets;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly totp: TotpRepository,
    private readonly users: UsersService,
    private readonly audit: AuditLogRepository,
  ) {
    this.secrets = new TotpSecrets(config.adminSecurity.totpEncryptionKey);
  }

  async status(adminId: string): Promise<TotpStatusResponseDto> {
    return mapTotpStatus(await this.totp.find(adminId), await this.totp.recoveryCodesLeft(adminId));
  }

  /**
   * A new secret, to be confirmed by `enable`. Asked again before that, it replaces the previous
   * one (a QR code scanned on the wrong phone); once enabled it is refused: only a reset removes it.
   */
  async setup(adminId: string): Promise<TotpSetupResponseDto> {
    const admin = await this.users.get(adminId);
    const secret = generateSecret();
    if (!(await this.totp.start(adminId, this.secrets.encrypt(secret, adminId)))) {
      throw new TotpAlreadyEnabledError();
    }
    return { secret, otpauthUrl: generateURI({ issuer: ISSUER, label: admin.email, secret }) };
  }

  /**
   * Turns the second factor on with a first right code (which is then spent, like any code), and
   * answers the ten recovery codes, which are stored only as keyed hashes and never shown again.
   */
  async enable(adminId: string, code: string): Promise<TotpEnableResponseDto> {
    const row = await this.totp.find(adminId);
    if (row?.enabledAt) throw new TotpAlreadyEnabledError();
    if (!row) throw new TotpCodeInvalidError('Start with POST /auth/admin/totp/setup.');
    const step = await this.matchingStep(row.secretEncrypted, adminId, code);
    if (step === undefined) throw new TotpCodeInvalidError();
    const recoveryCodes = newRecoveryCodes();
    await this.unitOfWork.run(async () => {
      // Lost only to a setup that replaced the secret meanwhile, or to a parallel enable.
      if (!(await this.totp.enable(adminId, row.secretEncrypted, step))) throw new TotpAlreadyEnabledError();
      await this.totp.replaceRecoveryCodes(
        adminId,
        recoveryCodes.map((one) => this.secrets.hashRecoveryCode(one)),
      );
      await this.audit.add({
        adminId,
        action: AuditAction.TOTP_ENABLED,
        targetUserId: adminId,
        detail: null,
      });
    });
    return { recoveryCodes };
  }

  /**
   * The second step of an admin's sign-in, after the password: nothing to do without a second
   * factor; otherwise a code is required (401 TOTP_REQUIRED), and a wrong, old or already used one
   * fails as a wrong password does (401 INVALID_CREDENTIALS). A TOTP code is spent by moving the
   * admin's last accepted time step forward; a recovery code by marking it used.
   */
  async verifySignIn(userId: string, code: string | undefined): Promise<void> {
    const row = await this.totp.find(userId);
    if (!row?.enabledAt) return;
    if (code === undefined || code.trim() === '') throw new TotpRequiredError();
    const accepted = TOTP_CODE.test(code)
      ? await this.spendTotp(row.secretEncrypted, userId, code)
      : await this.totp.useRecoveryCode(userId, this.secrets.hashRecoveryCode(code));
    if (!accepted) throw new InvalidCredentialsError();
  }

  /**
   * Removes an admin's second factor so they can enrol again (a lost device, docs/design.md §15): by
   * another admin (audited; never on oneself, or a stolen session could drop the factor), or from
   * the command line (`actorId` null, where the operator already holds the servers).
   */
  async reset(actorId: string | null, adminId: string): Promise<boolean> {
    if (actorId === adminId) {
      throw new ForbiddenError('An admin cannot reset their own second factor; another admin can.');
    }
    const target = await this.users.get(adminId);
    if (target.role !== Role.ADMIN) throw new NotFoundError('Admin');
    return this.unitOfWork.run(async () => {
      const removed = await this.totp.remove(adminId);
      if (removed && actorId !== null) {
        await this.audit.add({
          adminId: actorId,
          action: AuditAction.TOTP_RESET,
          targetUserId: adminId,
          detail: `second factor of ${target.email} reset`,
        });
      }
      return removed;
    });
  }

  private async spendTotp(secretEncrypted: string, userId: string, code: string): Promise<boolean> {
    const step = await this.matchingStep(secretEncrypted, userId, code);
    return step !== undefined && (await this.totp.acceptStep(userId, step));
  }

  /** The time step whose code `code` is, within the tolerance; undefined when none is. */
  private async matchingStep(
    secretEncrypted: string,
    userId: string,
    code: string,
  ): Promise<number | undefined> {
    if (!TOTP_CODE.test(code)) return undefined;
    const secret = this.secrets.decrypt(secretEncrypted, userId);
    const result = await verify({ secret, token: code, epochTolerance: EPOCH_TOLERANCE_SECONDS });
    // A TOTP result carries the step it matched (the union type also covers HOTP's).
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  }
}
