import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { SessionEndReason, SessionEntity } from '@wallet/database';
import { Pool } from 'pg';
import { Repository } from 'typeorm';

import { Role } from '@wallet/shared';

/** A session found live, with its owner's role as Postgres has it; or why it is not. */
export type SessionState = { live: true; role: Role } | { live: false; reason: 'expired' | 'ended' };

/** Sessions live in Postgres, the one clock and store every API instance shares (DESIGN §4, §11). */
@Injectable()
export class SessionsRepository implements OnApplicationShutdown {
  private readonly logger = new Logger(SessionsRepository.name);
  /**
   * Marking a session active happens on every authenticated request. These writes commit without
   * waiting for the WAL flush (`synchronous_commit = off`), so they cost no disk sync: a crash
   * could lose the last fraction of a second of them, which at worst ends a session that much
   * early. Everything that creates or ends a session stays durable, on the main pool.
   */
  private readonly activity: Pool;

  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.activity = new Pool({
      connectionString: config.databaseUrl,
      max: Math.max(2, Math.ceil(config.databasePoolSize / 4)),
      application_name: 'wallet-api',
      options: '-c synchronous_commit=off',
      connectionTimeoutMillis: 5_000,
    });
    // A connection dropped while idle (a restart, pg_terminate_backend) is replaced on next use.
    this.activity.on('error', (error) => this.logger.warn(`session pool connection lost: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.activity.end();
  }

  /**
   * Starts a session for an active user; undefined if the user is not active. The share lock on
   * the user row waits for a deactivation in progress, so a sign-in that overlaps one cannot
   * leave a session behind it (DESIGN §4).
   */
  async create(userId: string, maxAgeSeconds: number): Promise<SessionEntity | undefined> {
    const [session] = await this.sessions.query<SessionEntity[]>(
      `INSERT INTO sessions (user_id, expires_at)
       SELECT id, now() + make_interval(secs => $2) FROM users WHERE id = $1 AND status = 'active' FOR SHARE
       RETURNING id, user_id AS "userId", expires_at AS "expiresAt"`,
      [userId, maxAgeSeconds],
    );
    return session;
  }

  /**
   * Records activity on `userId`'s live session and answers the owner's role as stored: the
   * token's own claims beyond the session id are not trusted. One statement on the hot path; the
   * reason for a refusal is only looked up when there is one.
   */
  async touch(sessionId: string, userId: string, idleTimeoutSeconds: number): Promise<SessionState> {
    const touched = await this.activity.query<{ role: Role }>(
      `UPDATE sessions s SET last_seen_at = now()
       FROM users u
       WHERE s.id = $1 AND s.user_id = $2 AND u.id = s.user_id AND u.status = 'active'
         AND s.ended_at IS NULL AND s.expires_at > now()
         AND s.last_seen_at > now() - make_interval(secs => $3)
       RETURNING u.role`,
      [sessionId, userId, idleTimeoutSeconds],
    );
    if (touched.rows.length === 1) return { live: true, role: touched.rows[0].role };
    const { rows } = await this.activity.query<{ ended: boolean }>(
      `SELECT s.ended_at IS NOT NULL OR s.user_id <> $2 OR u.status <> 'active' AS ended
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
      [sessionId, userId],
    );
    return { live: false, reason: rows.length === 0 || rows[0].ended ? 'ended' : 'expired' };
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
