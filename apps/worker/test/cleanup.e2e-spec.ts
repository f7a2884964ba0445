import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CLEANUP_LOCK } from '../src/cleanup/cleanup.repository';
import { CleanupService } from '../src/cleanup/cleanup.service';
import { query, type TestDatabase } from '@wallet/testing/test-worker';
import { startWorkerHarness, type WorkerHarness } from '@wallet/testing/worker-harness';

describe('cleanup of expired rows (docs/design.md §3.8, §6)', () => {
  let harness: WorkerHarness;
  let database: TestDatabase;
  let cleanup: CleanupService;

  beforeAll(async () => {
    harness = await startWorkerHarness({ label: 'cleanup' });
    database = harness.database;
    cleanup = harness.worker.app.get(CleanupService);
    await cleanup.runOnce(); // the run the worker starts with, on an empty database
  });

  afterAll(() => harness?.close());

  /** A user row written straight to the database: cleanup only needs something to own keys. */
  const insertUser = async () => {
    const [user] = await query<{ id: string }>(
      database.url,
      `INSERT INTO users (name, email, password_hash, role) VALUES ('Cleo', $1, 'x', 'user') RETURNING id`,
      [`cleo-${randomUUID().slice(0, 8)}@example.com`],
    );
    return user;
  };

  it('deletes idempotency keys after 48 h, relayed outbox rows and sent emails after 7 days, nothing younger or undelivered', async () => {
    const user = await insertUser();
    await query(
      database.url,
      `INSERT INTO idempotency_keys (user_id, key, fingerprint, created_at) VALUES
         ($1, 'expired', 'f', now() - interval '49 hours'),
         ($1, 'kept-a-day-and-more', 'f', now() - interval '47 hours'),
         ($1, 'fresh', 'f', now())`,
      [user.id],
    );
    // A kind this worker does not relay stays pending, so the relay leaves these rows alone too.
    await query(
      database.url,
      `INSERT INTO outbox (kind, payload, created_at, queued_at) VALUES
         ('legacy-kind', '{"n":"old relayed"}', now() - interval '9 days', now() - interval '8 days'),
         ('legacy-kind', '{"n":"recent relayed"}', now() - interval '7 days', now() - interval '6 days'),
         ('legacy-kind', '{"n":"old pending"}', now() - interval '30 days', NULL)`,
    );

    await query(
      database.url,
      // The pending one not due for a day, so the re-enqueue pass leaves it alone meanwhile.
      `INSERT INTO email_deliveries (id, kind, payload, recipient, status, created_at, sent_at, next_attempt_at)
       VALUES
         ('old-sent', 'deposit-email', '{}', 'a@example.com', 'sent', now() - interval '9 days', now() - interval '8 days', now()),
         ('recent-sent', 'deposit-email', '{}', 'a@example.com', 'sent', now() - interval '6 days', now() - interval '6 days', now()),
         ('old-pending', 'deposit-email', '{}', 'a@example.com', 'pending', now() - interval '30 days', NULL, now() + interval '1 day'),
         ('old-abandoned', 'deposit-email', '{}', 'a@example.com', 'abandoned', now() - interval '30 days', NULL, now())`,
    );

    expect(await cleanup.runOnce()).toEqual({ idempotencyKeys: 1, outboxRows: 1, sentEmails: 1 });

    const keys = await query<{ key: string }>(database.url, 'SELECT key FROM idempotency_keys ORDER BY key');
    expect(keys.map((row) => row.key)).toEqual(['fresh', 'kept-a-day-and-more']);
    const outbox = await query<{ n: string }>(
      database.url,
      `SELECT payload->>'n' AS n FROM outbox ORDER BY id`,
    );
    expect(outbox.map((row) => row.n)).toEqual(['recent relayed', 'old pending']);
    const emails = await query<{ id: string }>(database.url, 'SELECT id FROM email_deliveries ORDER BY id');
    expect(emails.map((row) => row.id)).toEqual(['old-abandoned', 'old-pending', 'recent-sent']);
    await query(database.url, `DELETE FROM email_deliveries WHERE id LIKE 'old-%'`);
    expect(await cleanup.runOnce()).toEqual({ idempotencyKeys: 0, outboxRows: 0, sentEmails: 0 });
  });

  it('skips a run while another worker is cleaning', async () => {
    const user = await insertUser();
    await query(
      database.url,
      `INSERT INTO idempotency_keys (user_id, key, fingerprint, created_at) VALUES ($1, 'old', 'f', now() - interval '3 days')`,
      [user.id],
    );
    // Another worker's cleanup holds the lock.
    const other = new Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock(hashtext($1))', [CLEANUP_LOCK]);
      expect(await cleanup.runOnce()).toBeNull();
      expect(
        await query(database.url, 'SELECT 1 FROM idempotency_keys WHERE key = $1', ['old']),
      ).toHaveLength(1);
    } finally {
      await other.end();
    }
    expect(await cleanup.runOnce()).toEqual({ idempotencyKeys: 1, outboxRows: 0, sentEmails: 0 });
  });
});
