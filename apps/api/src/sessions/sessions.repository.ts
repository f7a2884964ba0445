import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import DataLoader from 'dataloader';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { Database, SessionEndReason, type SessionEntity, sql } from '@wallet/database';
import { Role } from '@wallet/shared';

/** A session found live, with its owner's role and wallet version as Postgres has them; or why it is not. */
export type SessionState =
  | { live: true; role: Role; walletVersion: number | null; secondFactor: boolean }
  | { live: false; reason: 'expired' | 'ended' };

type CheckedSession = {
  state: 'live' | 'expired' | 'ended';
  role: Role;
  walletVersion: number | null;
  secondFactor: boolean;
  stale: boolean;
};

// docs/design.md §4: whether sessions are live, one read for several requests that writes nothing. A row
// per (session, user) asked about, in the order asked. `stale` says the recorded activity is older
// than touchAfterMs, for this repository to record. Each session is found by its primary key
// (LATERAL), whatever the planner's statistics say. `secondFactor` is looked up for admins only
// (docs/design.md §15), so a user's check costs nothing more.
const CHECK = sql<
  CheckedSession & { n: number },
  [sessionIds: string[], userIds: string[], idleTimeoutSeconds: number, touchAfterMs: number]
>(
  'session_check',
  `SELECT asked.n::int AS n,
          CASE WHEN found.user_id IS DISTINCT FROM asked.user_id OR found.ended_at IS NOT NULL
                    OR found.status <> 'active' THEN 'ended'
               WHEN found.expires_at <= now() OR found.last_seen_at <= now() - make_interval(secs => $3) THEN 'expired'
               ELSE 'live' END AS state,
          found.role, found.version AS "walletVersion", coalesce(found.second_factor, false) AS "secondFactor",
          coalesce(found.last_seen_at < now() - make_interval(secs => $4 / 1000.0), false) AS stale
   FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS asked (session_id, user_id, n)
   LEFT JOIN LATERAL (
     SELECT s.user_id, s.last_seen_at, s.ended_at, s.expires_at, u.role, u.status, w.version,
            CASE WHEN u.role = 'admin' THEN EXISTS (
              SELECT 1 FROM admin_totp t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL) END AS second_factor
     FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN wallets w ON w.user_id = s.user_id
     WHERE s.id = asked.session_id) found ON true`,
);

const CREATE = sql<
  Pick<SessionEntity, 'id' | 'userId' | 'expiresAt'>,
  [userId: string, maxAgeSeconds: number]
>(
  'session_create',
  `INSERT INTO sessions (user_id, expires_at)
   SELECT id, now() + make_interval(secs => $2) FROM users WHERE id = $1 AND status = 'active' FOR SHARE
   RETURNING id, user_id AS "userId", expires_at AS "expiresAt"`,
);

const END = sql<never, [sessionId: string, reason: SessionEndReason]>(
  'session_end',
  `UPDATE sessions SET ended_at = now(), end_reason = $2 WHERE id = $1 AND ended_at IS NULL`,
);

const END_ALL_FOR_USER = sql<never, [userId: string, reason: SessionEndReason]>(
  'session_end_all_for_user',
  `UPDATE sessions SET ended_at = clock_timestamp(), end_reason = $2 WHERE user_id = $1 AND ended_at IS NULL`,
);

// A session that ended or went idle in the meantime is left as it is: activity never revives one.
const RECORD_ACTIVITY = sql<never, [sessionIds: string[], idleTimeoutSeconds: number]>(
  'session_record_activity',
  `UPDATE sessions SET last_seen_at = now()
   WHERE id = ANY($1::uuid[]) AND ended_at IS NULL
     AND last_seen_at > now() - make_interval(secs => $2)`,
);

/**
 * How stale a session's recorded activity may get before it is written again, and how often the
 * writes are flushed: together well under a second, which is how closely the idle timeout holds
 * (docs/design.md §4), and a tenth of the timeout when that is shorter.
 */
export function activityTiming(idleTimeoutSeconds: number): { touchAfterMs: number; flushEveryMs: number } {
  const touchAfterMs = Math.min(500, (idleTimeoutSeconds * 1000) / 10);
  return { touchAfterMs, flushEveryMs: Math.min(250, touchAfterMs / 2) };
}

/**
 * Sessions live in Postgres, the one clock and store every API instance shares (docs/design.md §4, §11).
 *
 * Checking a session on each request is a read that writes nothing, so logout and deactivation
 * (which end sessions in Postgres) take effect on the very next request on every instance. The
 * last activity is written only when the recorded one is older than `touchAfterMs`, and then
 * not by the request: the session ids are collected and written by one statement every
 * `flushEveryMs`. A busy session costs no WAL per request, and the recorded activity lags the
 * real one by less than a second (a crash loses at most that much of it, ending a session that
 * much early).
 */
@Injectable()
export class SessionsRepository implements OnModuleDestroy {
  private readonly logger = new Logger(SessionsRepository.name);
  private readonly idleTimeoutSeconds: number;
  private readonly touchAfterMs: number;
  private readonly pendingActivity = new Set<string>();
  private readonly flushTimer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  /**
   * Collects the checks asked for in one turn of the event loop into one statement: under load,
   * many requests are checked at once for the cost of one round trip.
   */
  private readonly checks = new DataLoader<{ sessionId: string; userId: string }, CheckedSession>(
    async (asked) => {
      const rows = await this.database.rows(CHECK, [
        asked.map((one) => one.sessionId),
        asked.map((one) => one.userId),
        this.idleTimeoutSeconds,
        this.touchAfterMs,
      ]);
      return rows.sort((a, b) => a.n - b.n);
    },
    { cache: false, batchScheduleFn: (dispatch) => setImmediate(dispatch), maxBatchSize: 100 },
  );

  constructor(
    private readonly database: Database,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.idleTimeoutSeconds = config.sessionIdleTimeoutSeconds;
    const timing = activityTiming(config.sessionIdleTimeoutSeconds);
    this.touchAfterMs = timing.touchAfterMs;
    this.flushTimer = setInterval(() => void this.flushActivity(), timing.flushEveryMs);
    this.flushTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.flushActivity();
  }

  /**
   * Starts a session for an active user; undefined if the user is not active. The share lock on
   * the user row waits for a deactivation in progress, so a sign-in that overlaps one cannot
   * leave a session behind it (docs/design.md §4).
   */
  create(
    userId: string,
    maxAgeSeconds: number,
  ): Promise<Pick<SessionEntity, 'id' | 'userId' | 'expiresAt'> | undefined> {
    return this.database.first(CREATE, [userId, maxAgeSeconds]);
  }

  /**
   * Whether `userId`'s session is live, with the owner's role as stored: the token's own claims
   * beyond the session id are not trusted. One read, shared by the requests checked at about the
   * same moment; the activity is recorded soon after.
   */
  async check(sessionId: string, userId: string): Promise<SessionState> {
    const found = await this.checks.load({ sessionId, userId });
    if (found.state !== 'live') return { live: false, reason: found.state };
    if (found.stale) this.pendingActivity.add(sessionId);
    return {
      live: true,
      role: found.role,
      walletVersion: found.walletVersion,
      secondFactor: found.secondFactor,
    };
  }

  async end(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.database.rowCount(END, [sessionId, reason]);
  }

  /**
   * Ends every live session of a user at once, in the caller's transaction (docs/design.md §4), stamped
   * with the moment it happens rather than when the transaction began (which may have waited for
   * locks meanwhile).
   */
  async endAllForUser(userId: string, reason: SessionEndReason): Promise<void> {
    await this.database.rowCount(END_ALL_FOR_USER, [userId, reason]);
  }

  /** Records the activity collected since the last flush. */
  private flushActivity(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pendingActivity.size === 0) return;
      const ids = [...this.pendingActivity];
      this.pendingActivity.clear();
      try {
        // Runs from a timer, outside any request's transaction.
        await this.database.rowCount(RECORD_ACTIVITY, [ids, this.idleTimeoutSeconds]);
      } catch (error) {
        // Lost activity only ends those sessions a little early; the next request records it again.
        this.logger.warn(
          `could not record the activity of ${ids.length} sessions: ${(error as Error).message}`,
        );
      }
    });
    return this.flushing;
  }
}
