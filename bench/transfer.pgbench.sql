-- One transfer, statement for statement what the API sends to Postgres for
-- POST /api/v1/wallet/transfer (see apps/api/src/sessions, idempotency and wallet): the session
-- touch, then one transaction that claims the Idempotency-Key, locks both wallets in id order,
-- reads today's usage, moves the money and writes the two ledger rows and their outbox messages
-- (one statement), and stores the answer. Its rows keep every ledger invariant, so `ledger:verify` still holds
-- after it. The extras are the first statement (pgbench picks two accounts by number, where the
-- API learns them from the token and the body) and the two SETs that give the session touch the
-- asynchronous commit the API gets from a pool of its own.
-- bench/run.mjs runs it with -M extended (node-postgres's protocol) and sets :accounts and :hot
-- (0 for random recipients, else the account number every transfer goes to).

\set sender random(1, :accounts)
\set other random(1, :accounts - 1)
\set amount random(1, 100)
\set from_n case when :hot > 0 and :sender = :hot then (:sender % :accounts) + 1 else :sender end
\set to_n case when :hot > 0 then :hot when :other >= :sender then :other + 1 else :other end
SELECT s.user_id AS s_user, s.wallet_id AS s_wallet, s.session_id AS s_session, s.name AS s_name,
       r.user_id AS r_user, r.wallet_id AS r_wallet, r.email AS r_email, r.name AS r_name,
       md5(random()::text) AS idem_key, gen_random_uuid() AS transfer_id,
       gen_random_uuid() AS out_id, gen_random_uuid() AS in_id
FROM bench_accounts s, bench_accounts r
WHERE s.n = :from_n::int AND r.n = :to_n::int \gset

-- The API marks sessions active on a pool whose commits do not wait for the WAL flush.
SET synchronous_commit = off;
UPDATE sessions SET last_seen_at = now()
WHERE id = :s_session::uuid AND ended_at IS NULL AND expires_at > now()
  AND last_seen_at > now() - make_interval(secs => 86400)
RETURNING id;

BEGIN;
SET LOCAL synchronous_commit = on;

WITH lock AS (
  SELECT pg_try_advisory_xact_lock(hashtextextended(:s_user::text || '/' || :idem_key::text, 0)) AS acquired
), claim AS (
  INSERT INTO idempotency_keys (user_id, key, fingerprint)
  SELECT :s_user::uuid, :idem_key::text, md5(:idem_key::text) FROM lock WHERE acquired
  ON CONFLICT DO NOTHING
  RETURNING 1
)
SELECT acquired, EXISTS (SELECT 1 FROM claim) AS claimed FROM lock;

SELECT w.id, w.user_id, w.balance, w.frozen, u.name, u.email, u.status
FROM wallets w JOIN users u ON u.id = w.user_id
WHERE w.user_id = :s_user::uuid OR w.user_id = (SELECT id FROM users WHERE email = :r_email::text AND role = 'user')
ORDER BY w.id
FOR UPDATE OF w;

SELECT coalesce(sum(amount), 0)::bigint AS used FROM transactions
WHERE wallet_id = :s_wallet::uuid AND type = 'transfer_out' AND status = 'SUCCESS'
  AND created_at >= (date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC');

WITH changes (id, delta) AS (VALUES (:s_wallet::uuid, -:amount::bigint), (:r_wallet::uuid, :amount::bigint)),
updated AS (
  UPDATE wallets w SET balance = w.balance + changes.delta, updated_at = now()
  FROM changes WHERE w.id = changes.id
  RETURNING w.id, w.balance
),
inserted AS (
  INSERT INTO transactions (id, wallet_id, type, amount, status, failure_reason, balance_after, counterparty_user_id, transfer_id)
  SELECT :out_id::uuid, :s_wallet::uuid, 'transfer_out', :amount::bigint, 'SUCCESS', NULL,
         (SELECT balance FROM updated WHERE id = :s_wallet::uuid), :r_user::uuid, :transfer_id::uuid
  UNION ALL
  SELECT :in_id::uuid, :r_wallet::uuid, 'transfer_in', :amount::bigint, 'SUCCESS', NULL,
         (SELECT balance FROM updated WHERE id = :r_wallet::uuid), :s_user::uuid, :transfer_id::uuid
  RETURNING id, wallet_id, status, balance_after, created_at
),
queued AS (
  INSERT INTO outbox (kind, payload)
  VALUES ('transaction-result', json_build_object('transactionId', :out_id::uuid, 'walletId', :s_wallet::uuid,
            'type', 'transfer_out', 'amount', :amount::bigint, 'status', 'SUCCESS', 'failureReason', NULL,
            'transferId', :transfer_id::uuid, 'occurredAt', now())),
         ('transfer-received-email', json_build_object('to', json_build_object('email', :r_email::text, 'name', :r_name::text),
            'senderName', :s_name::text, 'amount', :amount::bigint,
            'balanceAfter', (SELECT balance FROM updated WHERE id = :r_wallet::uuid), 'transactionId', :in_id::uuid,
            'occurredAt', now()))
  RETURNING 1
)
SELECT i.id, i.created_at, i.status = 'FAILED' OR i.balance_after = u.balance AS consistent
FROM inserted i LEFT JOIN updated u ON u.id = i.wallet_id;

UPDATE idempotency_keys SET response_status = 201,
  response_body = json_build_object('id', :out_id::uuid, 'type', 'transfer_out', 'amount', :amount::bigint, 'status', 'SUCCESS',
    'failureReason', NULL, 'counterpartyName', :r_name::text, 'balanceAfter', (SELECT balance FROM wallets WHERE id = :s_wallet::uuid), 'transferId', :transfer_id::uuid,
    'createdAt', now())
WHERE user_id = :s_user::uuid AND key = :idem_key::text;

COMMIT;
