import { Injectable } from '@nestjs/common';
import { PgErrorCode, pgErrorCode, SessionEndReason, UnitOfWork, UserRow } from '@wallet/database';
import { UserStatus } from '@wallet/shared';
import { NotFoundError } from '../common/errors/domain-error';
import { SessionsRepository } from '../sessions/sessions.repository';
import { EmailTakenError } from './users.errors';
import { NewUser, UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Creates the user and its wallet in one transaction; a taken email is a 409. */
  async create(user: NewUser): Promise<UserRow> {
    try {
      return await this.unitOfWork.run(() => this.users.insertWithWallet(user));
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UNIQUE_VIOLATION) throw new EmailTakenError();
      throw error;
    }
  }

  async get(id: string): Promise<UserRow> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /**
   * Sets a user's status under a row lock, in the caller's transaction when there is one.
   * Deactivation ends all the user's sessions in the same transaction, so their tokens stop
   * working on the next request (docs/design.md §4). `check` may refuse the change for this user.
   * Returns whether anything changed: setting the current status again is a no-op.
   */
  changeStatus(id: string, status: UserStatus, check?: (user: UserRow) => void): Promise<boolean> {
    return this.unitOfWork.run(async () => {
      const user = await this.users.lockById(id);
      if (!user) throw new NotFoundError('User');
      check?.(user);
      if (user.status === status) return false;
      if (status === UserStatus.INACTIVE) {
        // The money moves' lock: a move in flight commits first, one after sees the status. The
        // sessions then end at the moment the deactivation took effect, after every move the user
        // made (docs/design.md §4).
        await this.users.lockWalletOf(id);
        await this.users.setStatus(id, status);
        await this.sessions.endAllForUser(id, SessionEndReason.DEACTIVATED);
      } else {
        await this.users.setStatus(id, status);
      }
      return true;
    });
  }
}
