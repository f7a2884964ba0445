import { EmailDeliveryStatus, ErrorCode, JobName } from '@wallet/shared';
import { outboxJobId } from '@wallet/messaging';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { deposit, transfer } from '@wallet/testing/money';
import { expectProblem } from '@wallet/testing/problems';
import type { MailCatcher } from '@wallet/testing/mail-catcher';
import type { TestApi } from '@wallet/testing/test-app';
import { query, type TestDatabase, type TestQueues } from '@wallet/testing/test-worker';
import { createAdmin, createUser, type TestUser } from '@wallet/testing/users';
import { startWorkerHarness, type WorkerHarness } from '@wallet/testing/worker-harness';
import { sleep, waitFor } from '@wallet/testing/wait';

/** BullMQ's old budget for an email: 13 attempts, after which the job failed for good. */
const OLD_FINAL_ATTEMPT = 13;
/** Long enough for several re-enqueue passes: anything that would go out twice, would have. */
const SETTLE_MS = 2_000;

interface DeliveryRow {
  id: string;
  status: EmailDeliveryStatus;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
}

/**
 * Mail survives an SMTP outage of any length (docs/design.md §6): its delivery state is in Postgres, it
 * is retried with capped backoff past BullMQ's old last attempt and re-enqueued when BullMQ drops
 * its job, and it goes out exactly once when SMTP returns. Admins see and act on what is
 * undelivered, over HTTP and with `npm run email:resend`.
 */
describe('email delivery state in Postgres (docs/design.md §6)', () => {
  let harness: WorkerHarness;
  let database: TestDatabase;
  let mail: MailCatcher;
  let api: TestApi;
  let queues: TestQueues;
  let admin: TestUser;

  const deliveryTo = async (email: string): Promise<DeliveryRow | undefined> => {
    const [row] = await query<DeliveryRow>(
      database.url,
      `SELECT id, status, attempts, last_error AS "lastError", sent_at AS "sentAt"
       FROM email_deliveries WHERE recipient = $1`,
      [email],
    );
    return row;
  };

  const resendCli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [join(__dirname, '../../../scripts/dist-run.mts'), 'api', 'cli/email-resend', ...args],
      { env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'error' }, encoding: 'utf8' },
    );

  beforeAll(async () => {
    harness = await startWorkerHarness({
      label: 'email-delivery',
      mail: {
        rejectRecipient: (to) =>
          to.startsWith('bounce-') ? { code: 550, message: 'No such user here' } : undefined,
      },
      // A short retry budget: the old 13 attempts pass in about a second.
      env: { EMAIL_RETRY_BASE_MS: '20', EMAIL_RETRY_MAX_MS: '100', EMAIL_REQUEUE_INTERVAL_MS: '200' },
    });
    ({ database, mail, queues } = harness);
    api = await harness.startApi();
    admin = await createAdmin(api);
  });

  afterAll(() => harness?.close());

  it('keeps mail pending through a long SMTP outage, past the old last attempt, and sends it once', async () => {
    const sender = await createUser(api, 'sender');
    const recipient = await createUser(api, 'recipient');
    await deposit(api, admin, sender.id, 5_000).expect(201);
    await mail.waitFor(sender.email);

    await mail.stop();
    let id: string;
    try {
      await transfer(api, sender, recipient.email, 1_234).expect(201);
      const pending = await waitFor(
        async () => {
          const row = await deliveryTo(recipient.email);
          return row && row.attempts > OLD_FINAL_ATTEMPT + 2 ? row : undefined;
        },
        { what: 'more attempts than BullMQ used to allow', timeoutMs: 20_000 },
      );
      id = pending.id;
      expect(pending).toMatchObject({ status: EmailDeliveryStatus.PENDING, sentAt: null });
      expect(pending.lastError).toMatch(/ECONNREFUSED/);
      // The job is waiting for its next attempt, not failed for good.
      expect(await (await queues.email.getJob(id))?.getState()).not.toBe('failed');

      // BullMQ loses the job (evicted, Redis flushed): Postgres still has the email.
      await waitFor(
        async () => {
          const job = await queues.email.getJob(id);
          if (!job || (await job.getState()) !== 'delayed') return undefined;
          return job.remove().then(
            () => true,
            () => undefined,
          );
        },
        { what: 'the delayed job to be removed' },
      );
      await waitFor(async () => ((await queues.email.getJob(id)) ? true : undefined), {
        what: 'the job to be enqueued again from Postgres',
      });
    } finally {
      await mail.start();
    }

    const [received] = await mail.waitFor(recipient.email, 1, 15_000);
    expect(received.subject).toBe('You received $12.34 in your wallet');
    await sleep(SETTLE_MS);
    expect(mail.to(recipient.email)).toHaveLength(1);
    expect(mail.to(sender.email)).toHaveLength(1);
    expect(await deliveryTo(recipient.email)).toMatchObject({
      id,
      status: EmailDeliveryStatus.SENT,
      lastError: null,
      sentAt: expect.any(Date),
    });
  });

  it('lists undelivered mail to admins, and resends or abandons it', async () => {
    const bounce = await createUser(api, 'bounce');
    const user = await createUser(api, 'patient');
    await deposit(api, admin, bounce.id, 100).expect(201);
    const refused = await waitFor(
      async () => {
        const row = await deliveryTo(bounce.email);
        return row?.status === EmailDeliveryStatus.ABANDONED ? row : undefined;
      },
      { what: 'the refused email to be abandoned' },
    );
    expect(refused.lastError).toMatch(/550/);

    await mail.stop();
    let pendingId: string;
    try {
      await deposit(api, admin, user.id, 200).expect(201);
      pendingId = (
        await waitFor(
          async () => {
            const row = await deliveryTo(user.email);
            return row?.lastError ? row : undefined;
          },
          { what: 'a failed attempt' },
        )
      ).id;

      const list = await api.http.get('/api/v1/admin/emails/undelivered').set(admin.auth).expect(200);
      expect(list.body).toMatchObject({ page: 1, limit: 20, total: 2 });
      expect(list.body.items).toEqual([
        expect.objectContaining({
          id: refused.id,
          kind: JobName.DEPOSIT_EMAIL,
          recipient: bounce.email,
          status: 'abandoned',
          lastError: expect.stringMatching(/550/),
        }),
        expect.objectContaining({ id: pendingId, recipient: user.email, status: 'pending' }),
      ]);
      const onlyPending = await api.http
        .get('/api/v1/admin/emails/undelivered?status=pending&limit=1')
        .set(admin.auth)
        .expect(200);
      expect(onlyPending.body).toMatchObject({ total: 1, limit: 1, items: [{ id: pendingId }] });

      // Given up while SMTP is down: not sent once it is back.
      const abandoned = await api.http
        .post(`/api/v1/admin/emails/${pendingId}/abandon`)
        .set(admin.auth)
        .expect(200);
      expect(abandoned.body).toMatchObject({
        id: pendingId,
        status: 'abandoned',
        abandonedAt: expect.any(String),
      });
    } finally {
      await mail.start();
    }
    await sleep(SETTLE_MS);
    expect(mail.to(user.email)).toHaveLength(0);

    const resent = await api.http
      .post(`/api/v1/admin/emails/${pendingId}/resend`)
      .set(admin.auth)
      .expect(200);
    expect(resent.body).toMatchObject({ id: pendingId, status: 'pending', attempts: 0, abandonedAt: null });
    await mail.waitFor(user.email);
    await waitFor(
      async () => ((await deliveryTo(user.email))?.status === EmailDeliveryStatus.SENT ? true : undefined),
      {
        what: 'the resent email to be marked sent',
      },
    );

    // A sent email is not sent again, and cannot be abandoned.
    expectProblem(
      await api.http.post(`/api/v1/admin/emails/${pendingId}/resend`).set(admin.auth),
      409,
      ErrorCode.EMAIL_ALREADY_SENT,
    );
    expectProblem(
      await api.http.post(`/api/v1/admin/emails/${pendingId}/abandon`).set(admin.auth),
      409,
      ErrorCode.EMAIL_ALREADY_SENT,
    );
    expectProblem(
      await api.http.post(`/api/v1/admin/emails/${outboxJobId(999_999)}/resend`).set(admin.auth),
      404,
      ErrorCode.NOT_FOUND,
    );
    expectProblem(
      await api.http.post(`/api/v1/admin/emails/${encodeURIComponent('x\u0000y')}/abandon`).set(admin.auth),
      400,
      ErrorCode.VALIDATION_FAILED,
    );
    expectProblem(
      await api.http.get('/api/v1/admin/emails/undelivered').set(user.auth),
      403,
      ErrorCode.FORBIDDEN,
    );
    expectProblem(
      await api.http.get('/api/v1/admin/emails/undelivered?status=sent').set(admin.auth),
      400,
      ErrorCode.VALIDATION_FAILED,
    );
    await sleep(SETTLE_MS);
    expect(mail.to(user.email)).toHaveLength(1);
  });

  it('npm run email:resend hands undelivered mail back to the worker', async () => {
    const user = await createUser(api, 'cli');
    await mail.stop();
    try {
      await deposit(api, admin, user.id, 300).expect(201);
      const { id } = await waitFor(
        async () => {
          const row = await deliveryTo(user.email);
          return row?.lastError ? row : undefined;
        },
        { what: 'a failed attempt' },
      );
      await api.http.post(`/api/v1/admin/emails/${id}/abandon`).set(admin.auth).expect(200);

      // Pending only, by default: the abandoned one stays abandoned.
      const pendingOnly = resendCli();
      expect(pendingOnly.stderr).toBe('');
      expect(pendingOnly.status).toBe(0);
      expect(pendingOnly.stdout).not.toContain(id);
      expect((await deliveryTo(user.email))?.status).toBe('abandoned');

      const withAbandoned = resendCli('--abandoned');
      expect(withAbandoned.status).toBe(0);
      expect(withAbandoned.stdout).toContain(`${id} → ${user.email}`);
      expect((await deliveryTo(user.email))?.status).toBe('pending');

      const wrong = resendCli('--everything');
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toContain('Usage: npm run email:resend');
    } finally {
      await mail.start();
    }
    await mail.waitFor(user.email, 1, 15_000);
    await sleep(SETTLE_MS);
    expect(mail.to(user.email)).toHaveLength(1);
  });
});
