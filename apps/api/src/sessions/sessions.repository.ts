import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { queryRows, SessionEndReason, SessionEntity } from '@wallet/database';
import { Repository } from 'typeorm';

export type SessionState = 'active' | 'expired' | 'ended';

/** Sessions live in Postgres, the one clock and store every API instance shares (DESIGN §4, §11). */
@Injectable()
export class SessionsRepository {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async create(userId: string, maxAgeSeconds: number): Promise<SessionEntity> {
    const [session] = await this.sessions.query<SessionEntity[]>(
      `INSERT INTO sessions (user_id, expires_at)
       VALUES ($1, now() + make_interval(secs => $2))
       RETURNING id, user_id AS "userId", expires_at AS "expiresAt"`,
      [userId, maxAgeSeconds],
    );
    return session;
  }

  /**
   * Records activity on a live session and tells whether it was live. One statement on the hot
   * path; the reason for a refusal is only looked up when there is one.
   */
  async touch(sessionId: string, idleTimeoutSeconds: number): Promise<SessionState> {
    const touched = await queryRows(
      this.sessions.manager,
      `UPDATE sessions SET last_seen_at = now()
       WHERE id = $1 AND ended_at IS NULL AND expires_at > now()
         AND last_seen_at > now() - make_interval(secs => $2)
       RETURNING id`,
      [sessionId, idleTimeoutSeconds],
    );
    if (touched.length === 1) return 'active';
    const [session] = await this.sessions.query<{ ended: boolean }[]>(
      `SELECT ended_at IS NOT NULL AS ended FROM sessions WHERE id = $1`,
      [sessionId],
    );
    return session === undefined || session.ended ? 'ended' : 'expired';
  }

  async end(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE sessions SET ended_at = now(), end_reason = $2 WHERE id = $1 AND ended_at IS NULL`,
      [sessionId, reason],
    );
  }

  /** Ends every live session of a user at once, in the caller's transaction (DESIGN §4). */
  async endAllForUser(userId: string, reason: SessionEndReason): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE sessions SET ended_at = now(), end_reason = $2 WHERE user_id = $1 AND ended_at IS NULL`,
      [userId, reason],
    );
  }
}
