import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDIT_ACTIONS_BEFORE = ['deposit', 'freeze', 'unfreeze', 'activate', 'deactivate', 'reverse'];
const AUDIT_ACTIONS = [
  ...AUDIT_ACTIONS_BEFORE,
  'totp_enabled',
  'totp_reset',
  'approval_requested',
  'approval_approved',
  'approval_rejected',
];
const quoted = (values: string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * docs/design.md §15: admins' second factor (TOTP secrets, encrypted by the API; recovery codes,
 * keyed hashes) and four-eyes requests for money that appears.
 */
export class AdminSecurity1764950000000 implements MigrationInterface {
  name = 'AdminSecurity1764950000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per admin who started enrolling; `enabled_at` is set by the first right code.
    // `last_step` is the last TOTP time step accepted: a code of that step or an earlier one is
    // refused, so each code is accepted once (compare-and-set in one UPDATE).
    await db.query(`
      CREATE TABLE admin_totp (
        user_id          uuid PRIMARY KEY REFERENCES users (id),
        secret_encrypted text NOT NULL,
        enabled_at       timestamptz,
        last_step        bigint NOT NULL DEFAULT 0,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE admin_recovery_codes (
        user_id   uuid NOT NULL REFERENCES users (id),
        code_hash text NOT NULL,
        used_at   timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);

    // A request is decided once: `status` leaves 'pending' in one guarded UPDATE, and the decider
    // is never the requester (checked by the API, and here as the last word).
    await db.query(`
      CREATE TABLE approval_requests (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind                  text NOT NULL CHECK (kind IN ('deposit', 'reversal')),
        status                text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        requested_by          uuid NOT NULL REFERENCES users (id),
        target_user_id        uuid NOT NULL REFERENCES users (id),
        target_transaction_id uuid,
        amount                bigint NOT NULL CHECK (amount > 0),
        payload               jsonb NOT NULL DEFAULT '{}',
        idempotency_key       text NOT NULL,
        decided_by            uuid REFERENCES users (id),
        decided_at            timestamptz,
        reason                text,
        transaction_id        uuid,
        created_at            timestamptz NOT NULL DEFAULT now(),
        UNIQUE (requested_by, idempotency_key),
        CHECK ((status = 'pending') = (decided_by IS NULL AND decided_at IS NULL)),
        CHECK (decided_by IS DISTINCT FROM requested_by),
        CHECK (kind <> 'reversal' OR target_transaction_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX approval_requests_by_status ON approval_requests (status, created_at DESC)`);
    await db.query(
      `CREATE INDEX approval_requests_by_target ON approval_requests (target_user_id, created_at DESC)`,
    );

    await db.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check`);
    await db.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN (${quoted(AUDIT_ACTIONS)}))`,
    );

    // A request as the API answers it, camelCase like the rows the API reads: stored as the
    // idempotent answer of the request, so a retry replays exactly what the first call answered.
    await db.query(`
      CREATE FUNCTION approval_request_row(p_id uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_object(
          'id', a.id, 'kind', a.kind, 'status', a.status, 'requestedBy', a.requested_by,
          'requestedByName', requester.name, 'targetUserId', a.target_user_id, 'targetUserName', target.name,
          'targetTransactionId', a.target_transaction_id, 'amount', a.amount, 'decidedBy', a.decided_by,
          'decidedByName', decider.name, 'decidedAt', a.decided_at, 'reason', a.reason,
          'transactionId', a.transaction_id, 'requestReason', a.payload->>'reason', 'createdAt', a.created_at)
        FROM approval_requests a
        JOIN users requester ON requester.id = a.requested_by
        JOIN users target ON target.id = a.target_user_id
        LEFT JOIN users decider ON decider.id = a.decided_by
        WHERE a.id = p_id
      $$`);

    // docs/design.md §15: a deposit above the threshold is requested, not executed. Claimed under the
    // requester's Idempotency-Key like the deposit itself (docs/design.md §3), with its audit entry, in
    // one transaction; the answer is 202 with the request. An unknown user (WL404) or an admin
    // (WL422) is refused at once, as the deposit would be.
    await db.query(`
      CREATE FUNCTION approval_request_deposit(
        p_admin uuid, p_key text, p_fingerprint text, p_user uuid, p_amount bigint, p_amount_text text)
      RETURNS money_move_result LANGUAGE plpgsql AS $$
      DECLARE
        claim money_move_result := idempotency_claim(p_admin, p_key, p_fingerprint);
        target_role text;
        request_id uuid;
      BEGIN
        IF claim.outcome <> 'claimed' THEN
          RETURN claim;
        END IF;
        SELECT role INTO target_role FROM users WHERE id = p_user;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'no user %', p_user USING ERRCODE = 'WL404';
        ELSIF target_role <> 'user' THEN
          RAISE EXCEPTION 'user % has no wallet', p_user USING ERRCODE = 'WL422';
        END IF;
        INSERT INTO approval_requests (kind, requested_by, target_user_id, amount, payload, idempotency_key)
        VALUES ('deposit', p_admin, p_user, p_amount, jsonb_build_object('amount', p_amount), p_key)
        RETURNING id INTO request_id;
        INSERT INTO audit_log (admin_id, action, target_user_id, detail)
        VALUES (p_admin, 'approval_requested', p_user,
                format('%s deposit requested, waiting for another admin (request %s)', p_amount_text, request_id));
        RETURN idempotency_answer(p_admin, p_key, p_fingerprint, 202::smallint, approval_request_row(request_id));
      END $$`);

    // docs/design.md §15: a reversal (docs/design.md §13) of more than the threshold, requested like a
    // deposit: the row must exist (WL404); whether it can be reversed is judged when it runs, under
    // its locks, by money_reverse. The request names the wallet's owner and keeps the reason.
    await db.query(`
      CREATE FUNCTION approval_request_reversal(
        p_admin uuid, p_key text, p_fingerprint text, p_transaction uuid, p_reason text, p_amount_text text)
      RETURNS money_move_result LANGUAGE plpgsql AS $$
      DECLARE
        claim money_move_result := idempotency_claim(p_admin, p_key, p_fingerprint);
        original_amount bigint;
        owner_user uuid;
        request_id uuid;
      BEGIN
        IF claim.outcome <> 'claimed' THEN
          RETURN claim;
        END IF;
        SELECT t.amount, w.user_id INTO original_amount, owner_user
        FROM transactions t JOIN wallets w ON w.id = t.wallet_id WHERE t.id = p_transaction;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'no transaction %', p_transaction USING ERRCODE = 'WL404';
        END IF;
        INSERT INTO approval_requests (kind, requested_by, target_user_id, target_transaction_id, amount, payload,
                                       idempotency_key)
        VALUES ('reversal', p_admin, owner_user, p_transaction, original_amount,
                jsonb_build_object('reason', p_reason), p_key)
        RETURNING id INTO request_id;
        INSERT INTO audit_log (admin_id, action, target_user_id, detail)
        VALUES (p_admin, 'approval_requested', owner_user,
                format('reversal of %s (transaction %s) requested, waiting for another admin (request %s): %s',
                       p_amount_text, p_transaction, request_id, p_reason));
        RETURN idempotency_answer(p_admin, p_key, p_fingerprint, 202::smallint, approval_request_row(request_id));
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION approval_request_reversal(uuid, text, text, uuid, text, text)`);
    await db.query(`DROP FUNCTION approval_request_deposit(uuid, text, text, uuid, bigint, text)`);
    await db.query(`DROP FUNCTION approval_request_row(uuid)`);
    await db.query(`DELETE FROM audit_log WHERE action NOT IN (${quoted(AUDIT_ACTIONS_BEFORE)})`);
    await db.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check`);
    await db.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN (${quoted(AUDIT_ACTIONS_BEFORE)}))`,
    );
    await db.query(`DROP TABLE approval_requests`);
    await db.query(`DROP TABLE admin_recovery_codes`);
    await db.query(`DROP TABLE admin_totp`);
  }
}
