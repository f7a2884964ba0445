import { Injectable } from '@nestjs/common';
import { PgErrorCode, pgErrorCode, SessionEndReason, UnitOfWork, UserRow } from '@wallet/database';
import { OutboxRepository, type WebhookUserData, webhookEventMessage } from '@wallet/messaging';
import { UserStatus, WebhookEventType } from '@wallet/shared';
import { NotFoundError } from '../common/errors/domain-error';
import { SessionsRepository } from '../sessions/sessions.repository';
import { mapUser } from './dto/user-response.dto';
import { EmailTakenError } from './users.errors';
import { NewUser, UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Creates the user and its wallet in one transaction, with its `user.registered` event
   * (docs/design.md §14); a taken email is a 409.
   */
  async create(user: NewUser): Promise<UserRow> {
    try {
      return await this.unitOfWork.run(async () => {
        const created = await this.users.insertWithWallet(user);
        await this.outbox.add(webhookEventMessage(WebhookEventType.USER_REGISTERED, userData(created)));
        return created;
      });
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
   * working on the next request (docs/design.md §4). The `user.activated` or `user.deactivated`
   * event is written in the same transaction (§14). `check` may refuse the change for this user.
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
      const type =
        status === UserStatus.ACTIVE ? WebhookEventType.USER_ACTIVATED : WebhookEventType.USER_DEACTIVATED;
      await this.outbox.add(webhookEventMessage(type, userData({ ...user, status })));
      return true;
    });
  }
}

/** `data` of a user event: the User as the API shows it (docs/design.md §5, §14). */
function userData(user: UserRow): WebhookUserData {
  const { id, name, email, role, status, createdAt } = mapUser(user);
  return { id, name, email, role, status, createdAt: createdAt.toISOString() };
}
