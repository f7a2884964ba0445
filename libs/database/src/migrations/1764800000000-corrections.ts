import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections, memos, statements (docs/design.md §13): transfers carry an optional memo on both
 * legs, and an admin reverses a SUCCESS deposit, withdrawal or transfer with new `reversal` rows
 * that point at the row they undo (`reverses_id`). The original rows are never touched: the ledger
 * stays append-only, and "reversed by" is read through the unique index on `reverses_id`.
 */
export class Corrections1764800000000 implements MigrationInterface {
  name = 'Corrections1764800000000';

  async up(db: QueryRunner): Promise<void> {
    // Nullable columns without a default: adding them rewrites nothing, and the rows of every other
    // move store them as two null bits.
    await db.query(`
      ALTER TABLE transactions
        ADD COLUMN memo text,
        ADD COLUMN reverses_id uuid,
        DROP CONSTRAINT transactions_type_check,
        ADD CONSTRAINT transactions_type_check
          CHECK (type IN ('deposit', 'withdraw', 'transfer_out', 'transfer_in', 'reversal')),
        ADD CONSTRAINT transactions_memo_length CHECK (char_length(memo) BETWEEN 1 AND 500),
        ADD CONSTRAINT transactions_reversal_link CHECK ((type = 'reversal') = (reverses_id IS NOT NULL)),
        ADD CONSTRAINT transactions_reversal_succeeded CHECK (type <> 'reversal' OR status = 'SUCCESS')`);
    // The last line of defence against a row reversed twice (the reversal function decides under
    // the wallet and row locks, docs/design.md §13), and how a row finds its reversal. Partial: the
    // rows of every other move never write to it.
    await db.query(`
      CREATE UNIQUE INDEX transactions_reversed_once ON transactions (reverses_id)
        WHERE reverses_id IS NOT NULL`);
    await db.query(`
      ALTER TABLE audit_log
        DROP CONSTRAINT audit_log_action_check,
        ADD CONSTRAINT audit_log_action_check
          CHECK (action IN ('deposit', 'freeze', 'unfreeze', 'activate', 'deactivate', 'reverse'))`);

    // The signed change a SUCCESS row makes to its wallet. A reversal moves the money back, so its
    // sign is the opposite of the row it reverses (`p_reversed_type`). Shared by ledger:verify,
    // statements and the relay, so that they cannot disagree.
    await db.query(`
      CREATE FUNCTION ledger_delta(p_type text, p_amount bigint, p_reversed_type text) RETURNS bigint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN p_type IN ('deposit', 'transfer_in') THEN p_amount
          WHEN p_type IN ('withdraw', 'transfer_out') THEN -p_amount
          WHEN p_type = 'reversal' AND p_reversed_type IN ('withdraw', 'transfer_out') THEN p_amount
          ELSE -p_amount
        END
      $$`);

    // ledger_append with the two new columns. The old signature stays for the moves that have no
    // memo (and for API instances of the previous release during a rolling deploy).
    await db.query(`
      CREATE FUNCTION ledger_append(
        p_wallet wallets, p_at timestamptz, p_type text, p_amount bigint, p_delta bigint, p_failure text,
        p_counterparty uuid, p_transfer uuid, p_memo text, p_reverses uuid)
      RETURNS transactions LANGUAGE plpgsql AS $$
      DECLARE
        moved bigint := CASE WHEN p_failure IS NULL THEN p_delta ELSE 0 END;
        actual bigint;
        appended transactions;
      BEGIN
        UPDATE wallets SET
          balance = balance + moved,
          version = version + 1,
          updated_at = now(),
          usage_since = p_wallet.usage_since,
          withdrawn_today = p_wallet.withdrawn_today - CASE WHEN p_type = 'withdraw' THEN moved ELSE 0 END,
          transferred_today = p_wallet.transferred_today - CASE WHEN p_type = 'transfer_out' THEN moved ELSE 0 END
        WHERE id = p_wallet.id
        RETURNING balance INTO actual;
        IF actual IS DISTINCT FROM p_wallet.balance + moved THEN
          RAISE EXCEPTION 'ledger write does not match the locked balance of wallet %', p_wallet.id;
        END IF;
        INSERT INTO transactions (wallet_id, type, amount, status, failure_reason, balance_after,
                                  counterparty_user_id, transfer_id, created_at, memo, reverses_id)
        VALUES (p_wallet.id, p_type, p_amount, CASE WHEN p_failure IS NULL THEN 'SUCCESS' ELSE 'FAILED' END,
                p_failure, actual, p_counterparty, p_transfer, p_at, p_memo, p_reverses)
        RETURNING * INTO appended;
        RETURN appended;
      END $$`);

    // The stored answer now carries the new Transaction fields (docs/design.md §13). A row just
    // written has no reversal yet.
    await db.query(MONEY_MOVE_FINISH(true));

    // money_transfer with a memo, written on both legs; otherwise the function of
    // MoneyMovesInOneRoundTrip unchanged (docs/design.md §2).
    await db.query(`
      CREATE FUNCTION money_transfer(
        p_user uuid, p_key text, p_fingerprint text, p_recipient_email text, p_amount bigint,
        p_daily_limit bigint, p_timezone text, p_memo text)
      RETURNS money_move_result LANGUAGE plpgsql AS $$
      DECLARE
        claim money_move_result := idempotency_claim(p_user, p_key, p_fingerprint);
        recipient_user uuid;
        locked wallets;
        owner record;
        sender wallets;
        recipient wallets;
        recipient_name text;
        recipient_status text;
        at timestamptz;
        failure text;
        transfer uuid;
        outgoing transactions;
        incoming transactions;
      BEGIN
        IF claim.outcome <> 'claimed' THEN
          RETURN claim;
        END IF;
        SELECT id, name INTO recipient_user, recipient_name
        FROM users WHERE email = p_recipient_email AND role = 'user';
        FOR locked IN
          SELECT * FROM wallets WHERE user_id IN (p_user, recipient_user) ORDER BY id FOR UPDATE
        LOOP
          IF locked.user_id = p_user THEN sender := locked; END IF;
          IF locked.user_id = recipient_user THEN recipient := locked; END IF;
        END LOOP;
        IF sender.id IS NULL THEN
          RAISE EXCEPTION 'user % has no wallet', p_user USING ERRCODE = 'WL422';
        END IF;
        FOR owner IN SELECT id, status FROM users WHERE id IN (p_user, recipient_user) LOOP
          IF owner.id = p_user AND owner.status <> 'active' THEN
            RAISE EXCEPTION 'user % is not active', p_user USING ERRCODE = 'WL401';
          END IF;
          IF owner.id = recipient_user THEN recipient_status := owner.status; END IF;
        END LOOP;
        at := clock_timestamp();
        sender := usage_today(sender, 'transfer_out', p_amount, p_daily_limit, start_of_day(p_timezone, at));
        failure := CASE
          WHEN sender.frozen THEN 'WALLET_FROZEN'
          WHEN recipient.id IS NULL THEN 'RECIPIENT_NOT_FOUND'
          WHEN recipient.id = sender.id THEN 'SELF_TRANSFER'
          WHEN recipient.frozen OR recipient_status <> 'active' THEN 'RECIPIENT_UNAVAILABLE'
          WHEN sender.transferred_today + p_amount > p_daily_limit THEN 'DAILY_LIMIT_EXCEEDED'
          WHEN sender.balance < p_amount THEN 'INSUFFICIENT_FUNDS'
        END;
        IF failure IS NULL THEN
          transfer := uuid_v7();
        END IF;
        outgoing := ledger_append(sender, at, 'transfer_out', p_amount, -p_amount, failure, recipient.user_id,
                                  transfer, p_memo, NULL);
        IF failure IS NULL THEN
          incoming := ledger_append(recipient, at, 'transfer_in', p_amount, p_amount, NULL, p_user, transfer,
                                    p_memo, NULL);
        END IF;
        RETURN money_move_finish(p_user, p_key, p_fingerprint, outgoing, recipient_name, incoming.id);
      END $$`);

    // docs/design.md §13, a reversal by an admin. The named row and, for a transfer, its other leg
    // (same transfer id and instant, on the counterparty's wallet: found through
    // transactions_by_wallet) are read first; then the wallets are locked in one statement in
    // ascending id order, the lock order of every money move (docs/design.md §2), then the rows
    // themselves. Everything that decides is read once the locks are held: whether a reversal
    // exists (a concurrent reversal of the same row, or of the other leg, has committed or waits
    // behind us) and the balances (a transfer out of the wallet has committed or waits). Refusals
    // (NOT_REVERSIBLE, ALREADY_REVERSED, INSUFFICIENT_FUNDS) move nothing and write no ledger row;
    // their answer is stored with the key and they are audited, as a refused deposit is. A SUCCESS
    // writes one reversal row per wallet the original changed, each with its own outbox row (the
    // owner's email), the audit entry, and the answer: the reversal row on the named row's wallet.
    // Frozen wallets and inactive owners are corrected too, and no daily limit applies: the
    // reversal rows are neither withdrawals nor transfers out.
    await db.query(`
      CREATE FUNCTION money_reverse(
        p_admin uuid, p_key text, p_fingerprint text, p_transaction uuid, p_reason text)
      RETURNS money_move_result LANGUAGE plpgsql AS $$
      DECLARE
        claim money_move_result := idempotency_claim(p_admin, p_key, p_fingerprint);
        original transactions;
        other transactions;
        locked wallets;
        own wallets;
        other_wallet wallets;
        owner_user uuid;
        failure text;
        at timestamptz;
        own_delta bigint;
        reversal transactions;
        other_reversal transactions;
        counterparty_name text;
        amount_text text;
      BEGIN
        IF claim.outcome <> 'claimed' THEN
          RETURN claim;
        END IF;
        SELECT * INTO original FROM transactions WHERE id = p_transaction;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'no transaction %', p_transaction USING ERRCODE = 'WL404';
        END IF;
        IF original.status = 'SUCCESS' AND original.type IN ('transfer_out', 'transfer_in') THEN
          SELECT t.* INTO other FROM transactions t JOIN wallets w ON w.id = t.wallet_id
          WHERE w.user_id = original.counterparty_user_id AND t.created_at = original.created_at
            AND t.transfer_id = original.transfer_id AND t.id <> original.id;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'transfer % has no other leg', original.transfer_id;
          END IF;
        END IF;
        FOR locked IN
          SELECT * FROM wallets WHERE id IN (original.wallet_id, other.wallet_id) ORDER BY id FOR UPDATE
        LOOP
          IF locked.id = original.wallet_id THEN own := locked; ELSE other_wallet := locked; END IF;
        END LOOP;
        PERFORM 1 FROM transactions WHERE id IN (original.id, other.id) ORDER BY id FOR UPDATE;
        owner_user := own.user_id;
        -- As formatCents writes it in the deposit's entry: $1,234.56.
        amount_text := '$' || to_char(original.amount / 100, 'FM999,999,999,999,990') || '.'
                       || lpad((original.amount % 100)::text, 2, '0');
        own_delta := -ledger_delta(original.type, original.amount, NULL);
        failure := CASE
          WHEN original.status <> 'SUCCESS' OR original.type = 'reversal' THEN 'NOT_REVERSIBLE'
          WHEN EXISTS (SELECT 1 FROM transactions WHERE reverses_id IN (original.id, other.id))
            THEN 'ALREADY_REVERSED'
          WHEN own.balance + own_delta < 0 OR other_wallet.balance - own_delta < 0 THEN 'INSUFFICIENT_FUNDS'
        END;
        IF failure IS NOT NULL THEN
          INSERT INTO audit_log (admin_id, action, target_user_id, detail)
          VALUES (p_admin, 'reverse', owner_user,
                  format('reversal of %s %s refused: %s (transaction %s)', amount_text, original.type, failure,
                         original.id));
          RETURN idempotency_answer(p_admin, p_key, p_fingerprint,
            CASE failure WHEN 'ALREADY_REVERSED' THEN 409 ELSE 422 END::smallint,
            jsonb_build_object('code', failure));
        END IF;
        at := clock_timestamp();
        -- A transfer's legs are reversed against each other; a deposit or withdrawal against the
        -- admin who corrects it, as a deposit's counterparty is the admin.
        reversal := ledger_append(own, at, 'reversal', original.amount, own_delta, NULL,
                                  coalesce(other_wallet.user_id, p_admin), NULL, p_reason, original.id);
        IF other.id IS NOT NULL THEN
          other_reversal := ledger_append(other_wallet, at, 'reversal', original.amount, -own_delta, NULL,
                                          own.user_id, NULL, p_reason, other.id);
          INSERT INTO outbox (kind, transaction_id) VALUES ('money-move', other_reversal.id);
        END IF;
        INSERT INTO audit_log (admin_id, action, target_user_id, detail)
        VALUES (p_admin, 'reverse', owner_user,
                format('%s %s reversed: %s (transaction %s, reversal %s)', amount_text, original.type, p_reason,
                       original.id, reversal.id));
        SELECT name INTO counterparty_name FROM users WHERE id = reversal.counterparty_user_id;
        RETURN money_move_finish(p_admin, p_key, p_fingerprint, reversal, counterparty_name, NULL);
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION money_reverse(uuid, text, text, uuid, text)`);
    await db.query(`DROP FUNCTION money_transfer(uuid, text, text, text, bigint, bigint, text, text)`);
    await db.query(MONEY_MOVE_FINISH(false));
    await db.query(
      `DROP FUNCTION ledger_append(wallets, timestamptz, text, bigint, bigint, text, uuid, uuid, text, uuid)`,
    );
    await db.query(`DROP FUNCTION ledger_delta(text, bigint, text)`);
    await db.query(`DELETE FROM audit_log WHERE action = 'reverse'`);
    await db.query(`
      ALTER TABLE audit_log
        DROP CONSTRAINT audit_log_action_check,
        ADD CONSTRAINT audit_log_action_check
          CHECK (action IN ('deposit', 'freeze', 'unfreeze', 'activate', 'deactivate'))`);
    await db.query(`DROP INDEX transactions_reversed_once`);
    // Going back loses the corrections: their rows cannot be told apart from others without the
    // new columns. Refuse rather than leave balances that the rows no longer explain.
    await db.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM transactions WHERE type = 'reversal') THEN
          RAISE EXCEPTION 'reversal rows exist; the ledger cannot go back to a schema without them';
        END IF;
      END $$`);
    await db.query(`
      ALTER TABLE transactions
        DROP CONSTRAINT transactions_reversal_succeeded,
        DROP CONSTRAINT transactions_reversal_link,
        DROP CONSTRAINT transactions_memo_length,
        DROP CONSTRAINT transactions_type_check,
        ADD CONSTRAINT transactions_type_check
          CHECK (type IN ('deposit', 'withdraw', 'transfer_out', 'transfer_in')),
        DROP COLUMN reverses_id,
        DROP COLUMN memo`);
  }
}

/** money_move_finish with (`corrections`) or without the fields of docs/design.md §13. */
function MONEY_MOVE_FINISH(corrections: boolean): string {
  const extra = corrections
    ? `, 'memo', p_row.memo, 'reversesId', p_row.reverses_id, 'reversedById', NULL`
    : '';
  return `
    CREATE OR REPLACE FUNCTION money_move_finish(
      p_user uuid, p_key text, p_fingerprint text, p_row transactions, p_counterparty_name text,
      p_other_leg uuid)
    RETURNS money_move_result LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO outbox (kind, transaction_id, other_leg_id) VALUES ('money-move', p_row.id, p_other_leg);
      IF p_row.status = 'SUCCESS' THEN
        RETURN idempotency_answer(p_user, p_key, p_fingerprint, 201::smallint, jsonb_build_object(
          'id', p_row.id, 'type', p_row.type, 'amount', p_row.amount, 'status', p_row.status,
          'failureReason', p_row.failure_reason, 'counterpartyName', p_counterparty_name,
          'balanceAfter', p_row.balance_after, 'transferId', p_row.transfer_id, 'createdAt', p_row.created_at${extra}));
      END IF;
      RETURN idempotency_answer(p_user, p_key, p_fingerprint, 422::smallint,
                                jsonb_build_object('code', p_row.failure_reason, 'transactionId', p_row.id));
    END $$`;
}
