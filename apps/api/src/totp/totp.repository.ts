import { Injectable } from '@nestjs/common';
import { Database, sql } from '@wallet/database';

/** An admin's second factor as stored (docs/design.md §15); `enabledAt` null while enrolling. */
export interface AdminTotpRow {
  userId: string;
  secretEncrypted: string;
  enabledAt: Date | null;
  lastStep: number;
}

const FIND = sql<AdminTotpRow, [userId: string]>(
  'admin_totp_find',
  `SELECT user_id AS "userId", secret_encrypted AS "secretEncrypted", enabled_at AS "enabledAt",
          last_step AS "lastStep"
   FROM admin_totp WHERE user_id = $1`,
);

// A new secret replaces one still being set up, never one in use.
const START = sql<{ userId: string }, [userId: string, secretEncrypted: string]>(
  'admin_totp_start',
  `INSERT INTO admin_totp (user_id, secret_encrypted) VALUES ($1, $2)
   ON CONFLICT (user_id) DO UPDATE SET secret_encrypted = EXCLUDED.secret_encrypted, last_step = 0,
     created_at = now()
   WHERE admin_totp.enabled_at IS NULL
   RETURNING user_id AS "userId"`,
);

// Only the secret the code was checked against: a setup that replaced it meanwhile wins.
const ENABLE = sql<{ userId: string }, [userId: string, secretEncrypted: string, step: number]>(
  'admin_totp_enable',
  `UPDATE admin_totp SET enabled_at = now(), last_step = $3
   WHERE user_id = $1 AND enabled_at IS NULL AND secret_encrypted = $2
   RETURNING user_id AS "userId"`,
);

// A code is accepted once: its time step must be later than the last one accepted. Compare and
// set in one statement, so of two sign-ins with the same code at the same moment one wins.
const ACCEPT_STEP = sql<{ userId: string }, [userId: string, step: number]>(
  'admin_totp_accept_step',
  `UPDATE admin_totp SET last_step = $2
   WHERE user_id = $1 AND enabled_at IS NOT NULL AND last_step < $2
   RETURNING user_id AS "userId"`,
);

const ADD_RECOVERY_CODES = sql<never, [userId: string, hashes: string[]]>(
  'admin_recovery_codes_add',
  `INSERT INTO admin_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`,
);

const USE_RECOVERY_CODE = sql<{ userId: string }, [userId: string, hash: string]>(
  'admin_recovery_code_use',
  `UPDATE admin_recovery_codes SET used_at = now()
   WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL
   RETURNING user_id AS "userId"`,
);

const RECOVERY_CODES_LEFT = sql<{ left: number }, [userId: string]>(
  'admin_recovery_codes_left',
  `SELECT count(*)::int AS left FROM admin_recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
);

const DELETE_RECOVERY_CODES = sql<never, [userId: string]>(
  'admin_recovery_codes_delete',
  `DELETE FROM admin_recovery_codes WHERE user_id = $1`,
);

const DELETE = sql<never, [userId: string]>('admin_totp_delete', `DELETE FROM admin_totp WHERE user_id = $1`);

@Injectable()
export class TotpRepository {
  constructor(private readonly database: Database) {}

  find(userId: string): Promise<AdminTotpRow | undefined> {
    return this.database.first(FIND, [userId]);
  }

  /** False when a second factor is already on. */
  async start(userId: string, secretEncrypted: string): Promise<boolean> {
    return (await this.database.rows(START, [userId, secretEncrypted])).length === 1;
  }

  async enable(userId: string, secretEncrypted: string, step: number): Promise<boolean> {
    return (await this.database.rows(ENABLE, [userId, secretEncrypted, step])).length === 1;
  }

  async acceptStep(userId: string, step: number): Promise<boolean> {
    return (await this.database.rows(ACCEPT_STEP, [userId, step])).length === 1;
  }

  /** Replaces every recovery code of the admin, in the caller's unit of work. */
  async replaceRecoveryCodes(userId: string, hashes: string[]): Promise<void> {
    await this.database.rowCount(DELETE_RECOVERY_CODES, [userId]);
    await this.database.rowCount(ADD_RECOVERY_CODES, [userId, hashes]);
  }

  /** Marks an unused code used; false when there is none with this hash (or it was used). */
  async useRecoveryCode(userId: string, hash: string): Promise<boolean> {
    return (await this.database.rows(USE_RECOVERY_CODE, [userId, hash])).length === 1;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    return (await this.database.first(RECOVERY_CODES_LEFT, [userId]))?.left ?? 0;
  }

  /** Removes the second factor and its codes; false when there was none. In the caller's unit of work. */
  async remove(userId: string): Promise<boolean> {
    await this.database.rowCount(DELETE_RECOVERY_CODES, [userId]);
    return (await this.database.rowCount(DELETE, [userId])) === 1;
  }
}
