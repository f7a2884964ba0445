import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { SessionEndReason, SessionEntity } from '@wallet/database';
import { Pool } from 'pg';
import { Repository } from 'typeorm';

export type SessionState = 'active' | 'expired' | 'ended';

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
    const touched = await this.activity.query(
      `UPDATE sessions SET last_seen_at = now()
       WHERE id = $1 AND ended_at IS NULL AND expires_at > now()
         AND last_seen_at > now() - make_interval(secs => $2)`,
      [sessionId, idleTimeoutSeconds],
    );
    if (touched.rowCount === 1) return 'active';
    const { rows } = await this.activity.query<{ ended: boolean }>(
      `SELECT ended_at IS NOT NULL AS ended FROM sessions WHERE id = $1`,
      [sessionId],
    );
    return rows.length === 0 || rows[0].ended ? 'ended' : 'expired';
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
