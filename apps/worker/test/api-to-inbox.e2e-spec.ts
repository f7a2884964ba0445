import { deposit, transfer, withdraw } from '@wallet/testing/money';
import { startApi, type TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser } from '@wallet/testing/users';
import { type MailCatcher, startMailCatcher } from '@wallet/testing/mail-catcher';
import {
  createTestDatabase,
  openQueues,
  startWorker,
  type TestDatabase,
  type TestWorker,
  uniqueRedisPrefix,
  workerLogs,
  workerTestConfig,
} from '@wallet/testing/test-worker';
import { sleep, waitFor } from '@wallet/testing/wait';

/**
 * The API and the worker together, as they run: money moved over HTTP ends up in the inbox. Also
 * the pattern for API-driven notification tests: own database, own Redis prefix, worker first
 * (it owns the log collector), then the API on the same settings.
 */
describe('money moves over HTTP reach the inbox (docs/design.md §6)', () => {
  let database: TestDatabase;
  let mail: MailCatcher;
  let worker: TestWorker;
  let api: TestApi;

  beforeAll(async () => {
    database = await createTestDatabase('api_to_inbox');
    mail = await startMailCatcher();
    const env = {
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: uniqueRedisPrefix('api-to-inbox'),
      ...mail.env,
    };
    worker = await startWorker(workerTestConfig(env));
    api = await startApi(env);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    if (worker) await openQueues(worker.config).obliterate();
    await mail?.stop();
    await database?.drop();
  });

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
