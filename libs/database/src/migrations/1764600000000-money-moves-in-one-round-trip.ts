import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every money move becomes one call of a PL/pgSQL function: the key claim, the wallet locks, the
 * rules, the ledger rows, the outbox row and the stored answer in one round trip and one
 * transaction, with plans cached per connection (docs/design.md §2, §3). The rules of docs/design.md §2 live here
 * and only here; `apps/api/test/money-rules.e2e-spec.ts` tests them by calling these functions.
 *
 * Also: time-ordered ids for new ledger rows, a per-wallet `version` that every change moves (the
 * read cache is validated against it, docs/design.md §7), lean outbox rows for money moves, and no NOTIFY
 * trigger (it serialised commits; the relay polls).
 */
export class MoneyMovesInOneRoundTrip1764600000000 implements MigrationInterface {
  name = 'MoneyMovesInOneRoundTrip1764600000000';

  async up(db: QueryRunner): Promise<void> {
    // RFC 9562 version 7: 48 bits of Unix milliseconds, then random bits. New ledger rows land at
    // the right edge of the primary key instead of on a random page (fewer page writes).
    await db.query(`
      CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(
          set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
            52, 1), 53, 1),
          'hex')::uuid
      $$`);
    await db.query(`ALTER TABLE transactions ALTER COLUMN id SET DEFAULT uuid_v7()`);
    // Identity values are unique by construction.
    await db.query(`ALTER TABLE transactions DROP CONSTRAINT transactions_seq_key`);
    // A wallet's rows in the order they were written. A money move takes its rows' created_at under
    // the wallet's lock (ledger_append), so on one wallet it rises with seq, and one index serves
    // history pages (newest first), the day's sums of the daily limits and time ranges; two were
    // written per row before.
    await db.query(`CREATE INDEX transactions_by_wallet ON transactions (wallet_id, created_at, seq)`);
    await db.query(`DROP INDEX transactions_history`);
    await db.query(`DROP INDEX transactions_daily_usage`);

    // Moved by every change to the wallet or its history (a FAILED row too): a cached view or
    // history page is served only while it carries the version Postgres has now.
    await db.query(`ALTER TABLE wallets ADD COLUMN version bigint NOT NULL DEFAULT 0`);

    // A money move's outbox row names its ledger row (and a transfer's other leg); the relay reads
    // what the jobs need from the ledger, whose rows never change, instead of a copy in JSON.
    // Other rows still carry their payload.
    await db.query(`
      ALTER TABLE outbox
        ALTER COLUMN payload DROP NOT NULL,
        ADD COLUMN transaction_id uuid,
        ADD COLUMN other_leg_id uuid,
        ADD CONSTRAINT outbox_payload_or_transaction CHECK ((payload IS NULL) <> (transaction_id IS NULL))`);
    await db.query(`DROP TRIGGER outbox_notify ON outbox`);
    await db.query(`DROP FUNCTION outbox_notify()`);

    await db.query(`CREATE TYPE money_move_result AS (outcome text, status smallint, answer jsonb)`);

    // docs/design.md §3.4–3.6, in one look-up: the transaction-scoped advisory lock on (user, key) is tried
    // first, then the key looked up. Held, and the key not stored: this move claims it, and until
    // it commits the lock is the claim. Not held: another request with the key is in flight (409)
    // unless the key is stored, finished, which replays to every caller at once. The key is stored
    // with the answer, in the move's own transaction (idempotency_answer): a rollback leaves no
    // claim.
    await db.query(`
      CREATE FUNCTION idempotency_claim(p_user uuid, p_key text, p_fingerprint text)
      RETURNS money_move_result LANGUAGE plpgsql AS $$
      DECLARE
        locked boolean := pg_try_advisory_xact_lock(hashtextextended(p_user::text || '/' || p_key, 0));
        stored idempotency_keys;
      BEGIN
        SELECT * INTO stored FROM idempotency_keys WHERE user_id = p_user AND key = p_key;
        IF NOT FOUND THEN
          RETURN ROW(CASE WHEN locked THEN 'claimed' ELSE 'in_use' END, NULL, NULL)::money_move_result;
        END IF;
        IF stored.fingerprint <> p_fingerprint THEN
          RETURN ROW('reused', NULL, NULL)::money_move_result;
        END IF;
        RETURN ROW('replayed', stored.response_status, stored.response_body)::money_move_result;
      END $$`);

    // The key and its answer, stored in the claiming transaction: they commit with the move or not
    // at all. (Found by primary key; the cleanup of old keys scans created_at through a BRIN index,
    // which an insert in time order hardly ever has to write.)
    await db.query(`
      CREATE FUNCTION idempotency_answer(
        p_user uuid, p_key text, p_fingerprint text, p_status smallint, p_answer jsonb)
      RETURNS money_move_result LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO idempotency_keys (user_id, key, fingerprint, response_status, response_body)
        VALUES (p_user, p_key, p_fingerprint, p_status, p_answer);
        RETURN ROW('executed', p_status, p_answer)::money_move_result;
      END $$`);
    await db.query(`DROP INDEX idempotency_keys_created_at`);
    await db.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys USING brin (created_at)`);
    // The money moves write only ids they read (and locked) in the same transaction, and neither
    // users nor wallets are ever deleted. Each of these checks cost a locked read of the referenced
    // row per row written: another statement, a WAL record, and a MultiXact when many moves into
    // one recipient overlap (about 7 % of the database's time per transfer). ledger:verify checks
    // that every row's wallet and counterparty exist.
    await db.query(`ALTER TABLE transactions DROP CONSTRAINT transactions_wallet_id_fkey`);
    await db.query(`ALTER TABLE transactions DROP CONSTRAINT transactions_counterparty_user_id_fkey`);
    await db.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_user_id_fkey`);

    // What a wallet has used of its daily limits (docs/design.md §2), so that a move need not sum the day's
    // ledger rows: counters that every SUCCESS withdrawal and transfer out adds to, for the day that
    // began at `usage_since` in the limits time zone. A counter is only ever an upper bound of what
    // the day's rows sum to (ledger:verify checks it), so a move that fits under the limit by the
    // counter fits by the rows too; any other move sums the rows (transactions_by_wallet), and
    // the counters become that sum. The first move of a day sums them as well.
    await db.query(`
      ALTER TABLE wallets
        ADD COLUMN usage_since timestamptz,
        ADD COLUMN withdrawn_today bigint NOT NULL DEFAULT 0,
        ADD COLUMN transferred_today bigint NOT NULL DEFAULT 0`);
    // A locked wallet whose counters are good for judging `p_amount` of `p_type` against `p_limit`
    // on the day that began at `p_today`. Called once the lock is granted, so a sum sees every move
    // that committed before.
    await db.query(`
      CREATE FUNCTION usage_today(
        p_wallet wallets, p_type text, p_amount bigint, p_limit bigint, p_today timestamptz)
      RETURNS wallets LANGUAGE plpgsql AS $$
      BEGIN
        IF p_wallet.usage_since IS DISTINCT FROM p_today
           OR (CASE p_type WHEN 'withdraw' THEN p_wallet.withdrawn_today ELSE p_wallet.transferred_today END)
              + p_amount > p_limit THEN
          SELECT coalesce(sum(amount) FILTER (WHERE type = 'withdraw'), 0),
                 coalesce(sum(amount) FILTER (WHERE type = 'transfer_out'), 0)
          INTO p_wallet.withdrawn_today, p_wallet.transferred_today
          FROM transactions
          WHERE wallet_id = p_wallet.id AND type IN ('withdraw', 'transfer_out') AND status = 'SUCCESS'
            AND created_at >= p_today;
          p_wallet.usage_since := p_today;
        END IF;
        RETURN p_wallet;
      END $$`);
    // Midnight of the calendar day of `p_at` in `p_timezone`.
    await db.query(`
      CREATE FUNCTION start_of_day(p_timezone text, p_at timestamptz) RETURNS timestamptz
      LANGUAGE sql STABLE AS $$
        SELECT date_trunc('day', p_at AT TIME ZONE p_timezone) AT TIME ZONE p_timezone
      $$`);

    // One ledger row on a locked wallet as the caller read it under the lock, written at `p_at`, an
    // instant the caller took once it held the lock (so a wallet's rows are in time order). A
    // SUCCESS row moves the balance, and the new balance must be what the lock said plus the
    // change (anything else is a bug somewhere, and rolls everything back); a FAILED row records
    // the unchanged balance. Either way the wallet's version moves (docs/design.md §7), and its usage
    // counters are written as the caller has them, with a SUCCESS outgoing row's amount added.
    await db.query(`
      CREATE FUNCTION ledger_append(
        p_wallet wallets, p_at timestamptz, p_type text, p_amount bigint, p_delta bigint, p_failure text,
        p_counterparty uuid, p_transfer uuid)
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
                                  counterparty_user_id, transfer_id, created_at)
        VALUES (p_wallet.id, p_type, p_amount, CASE WHEN p_failure IS NULL THEN 'SUCCESS' ELSE 'FAILED' END,
                p_failure, actual, p_counterparty, p_transfer, p_at)
        RETURNING * INTO appended;
        RETURN appended;
      END $$`);

    // The end of every move: its outbox row (the worker logs every result and mails a success,
    // docs/design.md §6) and its stored answer: 201 with the caller's row as the API answers it (its
    // Transaction fields), or 422 with the broken rule and the FAILED row.
    await db.query(`
      CREATE FUNCTION money_move_finish(
        p_user uuid, p_key text, p_fingerprint text, p_row transactions, p_counterparty_name text,
        p_other_leg uuid)
      RETURNS money_move_result LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO outbox (kind, transaction_id, other_leg_id) VALUES ('money-move', p_row.id, p_other_leg);
        IF p_row.status = 'SUCCESS' THEN
          RETURN idempotency_answer(p_user, p_key, p_fingerprint, 201::smallint, jsonb_build_object(
            'id', p_row.id, 'type', p_row.type, 'amount', p_row.amount, 'status', p_row.status,
            'failureReason', p_row.failure_reason, 'counterpartyName', p_counterparty_name,
            'balanceAfter', p_row.balance_after, 'transferId', p_row.transfer_id, 'createdAt', p_row.created_at));
        END IF;
        RETURN idempotency_answer(p_user, p_key, p_fingerprint, 422::smallint,
                                  jsonb_build_object('code', p_row.failure_reason, 'transactionId', p_row.id));
      END $$`);

    // docs/design.md §2, withdrawal: WALLET_FROZEN, DAILY_LIMIT_EXCEEDED, INSUFFICIENT_FUNDS, in that order.
    await db.query(`
      CREATE FUNCTION money_withdraw(
        p_user uuid, p_key text, p_fingerprint text, p_amount bigint, p_daily_limit bigint, p_timezone text)
      RETURNS money_move_result LANGUAGE plpgsql AS $$
      DECLARE
        claim money_move_result := idempotency_claim(p_user, p_key, p_fingerprint);
        wallet wallets;
        at timestamptz;
        failure text;
      BEGIN
        IF claim.outcome <> 'claimed' THEN
          RETURN claim;
        END IF;
        SELECT w.* INTO wallet FROM wallets w JOIN users u ON u.id = w.user_id
        WHERE w.user_id = p_user AND u.role = 'user'
        FOR UPDATE OF w;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'user % has no wallet', p_user USING ERRCODE = 'WL422';
        END IF;
        -- Read once the lock is held: a deactivation takes the wallet's lock too, so it either
        -- committed before (and this move is refused) or waits for this move to commit.
        IF (SELECT status FROM users WHERE id = p_user) <> 'active' THEN
          RAISE EXCEPTION 'user % is not active', p_user USING ERRCODE = 'WL401';
        END IF;
        at := clock_timestamp();
        wallet := usage_today(wallet, 'withdraw', p_amount, p_daily_limit, start_of_day(p_timezone, at));
        failure := CASE
          WHEN wallet.frozen THEN 'WALLET_FROZEN'
          WHEN wallet.withdrawn_today + p_amount > p_daily_limit THEN 'DAILY_LIMIT_EXCEEDED'
          WHEN wallet.balance < p_amount THEN 'INSUFFICIENT_FUNDS'
        END;
        RETURN money_move_finish(p_user, p_key, p_fingerprint,
          ledger_append(wallet, at, 'withdraw', p_amount, -p_amount, failure, NULL, NULL), NULL, NULL);
      END $$`);

    // docs/design.md §2, transfer: WALLET_FROZEN (own), RECIPIENT_NOT_FOUND, SELF_TRANSFER,
    // RECIPIENT_UNAVAILABLE (frozen or inactive), DAILY_LIMIT_EXCEEDED, INSUFFICIENT_FUNDS. A
    // refused transfer is one FAILED row on the sender; a SUCCESS writes both legs, sharing a
    // transfer id. The recipient is looked up first, then both wallets are locked in one statement
    // in ascending id order, so two opposite transfers cannot deadlock; the locking statement reads
    // each wallet as it is once its lock is granted, and the owners' status is read after.
    await db.query(`
      CREATE FUNCTION money_transfer(
        p_user uuid, p_key text, p_fingerprint text, p_recipient_email text, p_amount bigint,
        p_daily_limit bigint, p_timezone text)
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
        -- Both owners' status read once the locks are held (a deactivation takes the wallet's
        -- lock too): a sender deactivated meanwhile moves nothing, a recipient is unavailable.
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
                                  transfer);
        IF failure IS NULL THEN
          incoming := ledger_append(recipient, at, 'transfer_in', p_amount, p_amount, NULL, p_user, transfer);
        END IF;
        RETURN money_move_finish(p_user, p_key, p_fingerprint, outgoing, recipient_name, incoming.id);
      END $$`);

    // docs/design.md §2, deposit by an admin: only a frozen wallet refuses it, and it has no daily limit.
    // Its audit entry is written in the same transaction, for a refused deposit too (docs/design.md §5).
    // An unknown user (WL404) or an admin, who has no wallet (WL422), rolls everything back.
    await db.query(`
      CREATE FUNCTION money_deposit(
        p_admin uuid, p_key text, p_fingerprint text, p_user uuid, p_amount bigint, p_amount_text text)
      RETURNS money_move_result LANGUAGE plpgsql AS $$
      DECLARE
        claim money_move_result := idempotency_claim(p_admin, p_key, p_fingerprint);
        admin_name text;
        wallet wallets;
        failure text;
        deposited transactions;
      BEGIN
        IF claim.outcome <> 'claimed' THEN
          RETURN claim;
        END IF;
        SELECT name INTO admin_name FROM users WHERE id = p_admin;
        SELECT w.* INTO wallet FROM wallets w JOIN users u ON u.id = w.user_id
        WHERE w.user_id = p_user AND u.role = 'user'
        FOR UPDATE OF w;
        IF NOT FOUND THEN
          IF EXISTS (SELECT 1 FROM users WHERE id = p_user) THEN
            RAISE EXCEPTION 'user % has no wallet', p_user USING ERRCODE = 'WL422';
          END IF;
          RAISE EXCEPTION 'no user %', p_user USING ERRCODE = 'WL404';
        END IF;
        failure := CASE WHEN wallet.frozen THEN 'WALLET_FROZEN' END;
        deposited := ledger_append(wallet, clock_timestamp(), 'deposit', p_amount, p_amount, failure, p_admin, NULL);
        INSERT INTO audit_log (admin_id, action, target_user_id, detail)
        VALUES (p_admin, 'deposit', p_user, CASE
          WHEN failure IS NULL THEN format('%s deposited (transaction %s)', p_amount_text, deposited.id)
          ELSE format('%s refused: %s (transaction %s)', p_amount_text, failure, deposited.id)
        END);
        RETURN money_move_finish(p_admin, p_key, p_fingerprint, deposited, admin_name, NULL);
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const fn of [
      'money_deposit(uuid, text, text, uuid, bigint, text)',
      'money_transfer(uuid, text, text, text, bigint, bigint, text)',
      'money_withdraw(uuid, text, text, bigint, bigint, text)',
      'money_move_finish(uuid, text, text, transactions, text, uuid)',
      'ledger_append(wallets, timestamptz, text, bigint, bigint, text, uuid, uuid)',
      'usage_today(wallets, text, bigint, bigint, timestamptz)',
      'start_of_day(text, timestamptz)',
      'idempotency_answer(uuid, text, text, smallint, jsonb)',
      'idempotency_claim(uuid, text, text)',
    ]) {
      await db.query(`DROP FUNCTION ${fn}`);
    }
    await db.query(`DROP TYPE money_move_result`);
    await db.query(
      `ALTER TABLE transactions ADD CONSTRAINT transactions_counterparty_user_id_fkey
         FOREIGN KEY (counterparty_user_id) REFERENCES users (id)`,
    );
    await db.query(
      `ALTER TABLE transactions ADD CONSTRAINT transactions_wallet_id_fkey
         FOREIGN KEY (wallet_id) REFERENCES wallets (id)`,
    );
    await db.query(
      `ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_user_id_fkey
         FOREIGN KEY (user_id) REFERENCES users (id)`,
    );
    await db.query(`DROP INDEX idempotency_keys_created_at`);
    await db.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`);
    await db.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
        FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
    await db.query(`DELETE FROM outbox WHERE transaction_id IS NOT NULL`);
    await db.query(`
      ALTER TABLE outbox DROP CONSTRAINT outbox_payload_or_transaction, DROP COLUMN transaction_id,
        DROP COLUMN other_leg_id,
        ALTER COLUMN payload SET NOT NULL`);
    await db.query(
      `ALTER TABLE wallets DROP COLUMN version, DROP COLUMN usage_since, DROP COLUMN withdrawn_today,
         DROP COLUMN transferred_today`,
    );
    await db.query(`ALTER TABLE transactions ADD CONSTRAINT transactions_seq_key UNIQUE (seq)`);
    await db.query(`CREATE INDEX transactions_history ON transactions (wallet_id, seq DESC)`);
    await db.query(`
      CREATE INDEX transactions_daily_usage ON transactions (wallet_id, type, created_at)
        INCLUDE (amount) WHERE status = 'SUCCESS' AND type IN ('withdraw', 'transfer_out')`);
    await db.query(`DROP INDEX transactions_by_wallet`);
    await db.query(`ALTER TABLE transactions ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
    await db.query(`DROP FUNCTION uuid_v7()`);
  }
}
