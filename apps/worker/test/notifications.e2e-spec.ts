import { JobName, TransactionStatus, TransactionType } from '@wallet/shared';
import { outboxJobId } from '@wallet/messaging';
import { randomUUID } from 'node:crypto';
import { startApi, type TestApi } from '@wallet/testing/test-app';
import type { MailCatcher } from '@wallet/testing/mail-catcher';
import {
  insertOutbox,
  outboxMessage,
  query,
  type TestDatabase,
  type TestQueues,
  type TestWorker,
  workerLogs,
} from '@wallet/testing/test-worker';
import { startWorkerHarness, type WorkerHarness } from '@wallet/testing/worker-harness';
import { sleep, waitFor } from '@wallet/testing/wait';

const occurredAt = '2025-11-27T06:10:00.000Z';
const address = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;
/** Long enough for the relay to poll twice: anything it would add again, it would have added. */
const RELAY_SETTLE_MS = 2_500;

describe('email notifications (docs/design.md §6)', () => {
  let harness: WorkerHarness;
  let database: TestDatabase;
  let mail: MailCatcher;
  let worker: TestWorker;
  let queues: TestQueues;

  beforeAll(async () => {
    harness = await startWorkerHarness({
      label: 'notifications',
      mail: {
        rejectRecipient: (to) =>
          to.startsWith('bounce-') ? { code: 550, message: 'No such user here' } : undefined,
        acceptDelayMs: (to) => (to.startsWith('slow-') ? 1_500 : 0),
      },
    });
    ({ database, mail, worker, queues } = harness);
  });

  afterAll(() => harness?.close());

  it('sends one email for each deposit, freeze, unfreeze and received transfer, to the right address', async () => {
    const depositTo = { email: address('deposit'), name: 'Dora Deposit' };
    const frozenTo = { email: address('frozen'), name: 'Fred Frozen' };
    const unfrozenTo = { email: address('unfrozen'), name: 'Una Unfrozen' };
    const transferTo = { email: address('recipient'), name: 'Rita Recipient' };
    const ids = await insertOutbox(
      database.url,
      outboxMessage(JobName.DEPOSIT_EMAIL, {
        to: depositTo,
        amount: 2_500,
        balanceAfter: 12_345,
        transactionId: 'tx-deposit',
        occurredAt,
      }),
      outboxMessage(JobName.ACCOUNT_FROZEN_EMAIL, {
        to: frozenTo,
        reason: 'Chargeback under review',
        occurredAt,
      }),
      outboxMessage(JobName.ACCOUNT_UNFROZEN_EMAIL, { to: unfrozenTo, occurredAt }),
      outboxMessage(JobName.TRANSFER_RECEIVED_EMAIL, {
        to: transferTo,
        senderName: 'Sam Sender',
        amount: 100_001,
        balanceAfter: 150_001,
        transactionId: 'tx-transfer-in',
        occurredAt,
      }),
    );

    const [deposit] = await mail.waitFor(depositTo.email);
    const [frozen] = await mail.waitFor(frozenTo.email);
    const [unfrozen] = await mail.waitFor(unfrozenTo.email);
    const [transfer] = await mail.waitFor(transferTo.email);

    expect(deposit.subject).toBe('$25.00 was deposited into your wallet');
    expect(deposit.text).toContain('Hello Dora Deposit,');
    expect(deposit.text).toContain('$25.00 was deposited into your wallet. Your balance is now $123.45.');
    expect(deposit.html).toContain('<strong>$25.00</strong> was deposited into your wallet.');
    expect(deposit.html).toContain('<strong>$123.45</strong>');
    expect(deposit.headers.get('to')).toBe(`Dora Deposit <${depositTo.email}>`);
    expect(deposit.headers.get('from')).toBe('Digital Wallet <no-reply@wallet.test>');
    expect(deposit.headers.get('message-id')).toBe(`<${outboxJobId(ids[0])}@wallet.test>`);

    expect(frozen.subject).toBe('Your wallet has been frozen');
    expect(frozen.text).toContain('Reason: Chargeback under review');
    expect(frozen.html).toContain('Reason: <strong>Chargeback under review</strong>');

    expect(unfrozen.subject).toBe('Your wallet is active again');
    expect(unfrozen.text).toContain('Hello Una Unfrozen,');
    expect(unfrozen.html).toContain('You can deposit, withdraw, send and receive money again.');

    expect(transfer.subject).toBe('You received $1,000.01 in your wallet');
    expect(transfer.text).toContain('Sam Sender sent you $1,000.01. Your balance is now $1,500.01.');
    expect(transfer.html).toContain('<strong>Sam Sender</strong> sent you <strong>$1,000.01</strong>');

    await sleep(RELAY_SETTLE_MS);
    for (const to of [depositTo, frozenTo, unfrozenTo, transferTo]) {
      expect(mail.to(to.email)).toHaveLength(1);
    }
    const rows = await query<{ queued: boolean }>(
      database.url,
      'SELECT queued_at IS NOT NULL AS queued FROM outbox WHERE id = ANY($1)',
      [ids],
    );
    expect(rows).toEqual(ids.map(() => ({ queued: true })));
  });

  it('logs every transaction result and sends no email for one', async () => {
    const mailsBefore = mail.messages.length;
    const transactionId = randomUUID();
    const [id] = await insertOutbox(
      database.url,
      outboxMessage(JobName.TRANSACTION_RESULT, {
        transactionId,
        walletId: randomUUID(),
        type: TransactionType.WITHDRAW,
        amount: 5_000,
        status: TransactionStatus.FAILED,
        failureReason: 'INSUFFICIENT_FUNDS',
        transferId: null,
        occurredAt,
      }),
    );

    const line = await waitFor(() => workerLogs.find((entry) => entry.transactionId === transactionId), {
      what: 'the transaction result log line',
    });
    expect(line).toMatchObject({
      level: 30,
      event: 'transaction.result',
      jobId: outboxJobId(id),
      type: 'withdraw',
      amountCents: 5_000,
      status: 'FAILED',
      failureReason: 'INSUFFICIENT_FUNDS',
      msg: 'withdraw of $50.00 FAILED (INSUFFICIENT_FUNDS)',
    });
    expect(await (await queues.transactionLog.getJob(outboxJobId(id)))?.getState()).toBe('completed');
    await sleep(RELAY_SETTLE_MS);
    expect(mail.messages).toHaveLength(mailsBefore);
  });

  it('fails a permanently refused email at once, keeps it visible, and /health/ready still answers 200', async () => {
    const to = { email: address('bounce'), name: 'Nobody' };
    const [id] = await insertOutbox(
      database.url,
      outboxMessage(JobName.DEPOSIT_EMAIL, {
        to,
        amount: 100,
        balanceAfter: 100,
        transactionId: 't',
        occurredAt,
      }),
    );

    const job = await waitFor(
      async () => {
        // The job is read after its state, so its failure reason is the one it failed with.
        const failed = (await queues.email.getJob(outboxJobId(id)))?.getState();
        return (await failed) === 'failed' ? queues.email.getJob(outboxJobId(id)) : undefined;
      },
      { what: 'the refused email to fail' },
    );
    expect(job.failedReason).toMatch(/SMTP server refused the message: .*550/);
    await sleep(RELAY_SETTLE_MS); // a retry would have come after 1 s
    expect(mail.recipientAttempts.filter((attempt) => attempt === to.email)).toHaveLength(1);
    expect(await (await queues.email.getJob(outboxJobId(id)))?.getState()).toBe('failed');
    expect(await queues.email.getFailedCount()).toBeGreaterThanOrEqual(1);

    const api: TestApi = await startApi(harness.env);
    try {
      const ready = await api.http.get('/health/ready').expect(200);
      expect(ready.body.status).toBe('ok');
      expect(ready.body.details.queues).toEqual({
        status: 'up',
        email: {
          waiting: expect.any(Number),
          active: expect.any(Number),
          delayed: expect.any(Number),
          failed: 1,
        },
        'transaction-log': { waiting: 0, active: 0, delayed: 0, failed: 0 },
      });
    } finally {
      await api.close();
    }
  });

  it('delivers an email once SMTP comes back after an outage, and only once', async () => {
    const to = { email: address('patient'), name: 'Pat Patient' };
    await mail.stop();
    try {
      const [id] = await insertOutbox(
        database.url,
        outboxMessage(JobName.ACCOUNT_UNFROZEN_EMAIL, { to, occurredAt }),
      );
      // Wait for a retry to be scheduled: the first attempt has failed against the closed port.
      await waitFor(
        async () => {
          const [row] = await query<{ lastError: string | null }>(
            database.url,
            'SELECT last_error AS "lastError" FROM email_deliveries WHERE id = $1',
            [outboxJobId(id)],
          );
          return row?.lastError ? row : undefined;
        },
        { what: 'a failed first attempt' },
      );
    } finally {
      await mail.start();
    }
    await mail.waitFor(to.email, 1, 15_000);
    await sleep(RELAY_SETTLE_MS);
    expect(mail.to(to.email)).toHaveLength(1);
  });

  it('lets the email in progress finish when the worker stops', async () => {
    const to = { email: address('slow'), name: 'Sloane Slow' };
    const [id] = await insertOutbox(
      database.url,
      outboxMessage(JobName.ACCOUNT_UNFROZEN_EMAIL, { to, occurredAt }),
    );
    // The server holds the message for 1.5 s before accepting it: stop while it does.
    await waitFor(() => (mail.recipientAttempts.includes(to.email) ? true : undefined), {
      what: 'the SMTP conversation to start',
    });
    await worker.close();

    expect(mail.to(to.email)).toHaveLength(1);
    expect(await (await queues.email.getJob(outboxJobId(id)))?.getState()).toBe('completed');
    worker = await harness.restartWorker();
  });

  it('does not send again after a restart, even when a row is relayed a second time', async () => {
    const to = { email: address('once'), name: 'Olive Once' };
    const [id] = await insertOutbox(
      database.url,
      outboxMessage(JobName.ACCOUNT_FROZEN_EMAIL, { to, reason: null, occurredAt }),
    );
    await mail.waitFor(to.email);
    await waitFor(async () => ((await queues.email.getJob(outboxJobId(id)))?.finishedOn ? true : undefined), {
      what: 'the job to complete',
    });
    await worker.close();

    // As if the relay's commit had failed after the job was added: the row is pending again.
    await query(database.url, 'UPDATE outbox SET queued_at = NULL WHERE id = $1', [id]);
    worker = await harness.restartWorker();
    await waitFor(
      async () => {
        const [row] = await query<{ queued: boolean }>(
          database.url,
          'SELECT queued_at IS NOT NULL AS queued FROM outbox WHERE id = $1',
          [id],
        );
        return row.queued ? true : undefined;
      },
      { what: 'the row to be relayed again' },
    );
    await sleep(RELAY_SETTLE_MS);

    expect(mail.to(to.email)).toHaveLength(1);
    const job = await queues.email.getJob(outboxJobId(id));
    expect(job?.attemptsMade).toBe(1);
    expect(await job?.getState()).toBe('completed');
  });
});
