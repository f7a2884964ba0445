import { deposit, transfer, withdraw } from '@wallet/testing/money';
import type { MailCatcher } from '@wallet/testing/mail-catcher';
import type { TestApi } from '@wallet/testing/test-app';
import { workerLogs } from '@wallet/testing/test-worker';
import { createAdmin, createUser } from '@wallet/testing/users';
import { startWorkerHarness, type WorkerHarness } from '@wallet/testing/worker-harness';
import { sleep, waitFor } from '@wallet/testing/wait';

/**
 * The API and the worker together, as they run: money moved over HTTP ends up in the inbox. Also
 * the pattern for API-driven notification tests: own database, own Redis prefix, worker first
 * (it owns the log collector), then the API on the same settings.
 */
describe('money moves over HTTP reach the inbox (docs/design.md §6)', () => {
  let harness: WorkerHarness;
  let mail: MailCatcher;
  let api: TestApi;

  beforeAll(async () => {
    harness = await startWorkerHarness({ label: 'api-to-inbox' });
    mail = harness.mail;
    api = await harness.startApi();
  });

  afterAll(() => harness?.close());

  it('mails the deposit and the transfer recipient once each, and only logs a failed withdrawal', async () => {
    const admin = await createAdmin(api);
    const sender = await createUser(api, 'sender');
    const recipient = await createUser(api, 'recipient');

    await deposit(api, admin, sender.id, 2_500).expect(201);
    await transfer(api, sender, recipient.email, 1_050).expect(201);
    const failed = await withdraw(api, recipient, 5_000).expect(422);

    const [depositMail] = await mail.waitFor(sender.email);
    expect(depositMail.subject).toBe('$25.00 was deposited into your wallet');
    expect(depositMail.text).toContain('Your balance is now $25.00.');
    const [transferMail] = await mail.waitFor(recipient.email);
    expect(transferMail.subject).toBe('You received $10.50 in your wallet');
    expect(transferMail.text).toContain(sender.name);
    expect(transferMail.html).toContain('Your balance is now <strong>$10.50</strong>');

    const logged = await waitFor(
      () => workerLogs.find((line) => line.transactionId === failed.body.transactionId),
      { what: 'the failed withdrawal in the transaction log' },
    );
    expect(logged).toMatchObject({ type: 'withdraw', status: 'FAILED', failureReason: 'INSUFFICIENT_FUNDS' });

    await sleep(2_500);
    expect(mail.to(sender.email)).toHaveLength(1);
    expect(mail.to(recipient.email)).toHaveLength(1);
  });
});
