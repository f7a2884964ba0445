import { expectLedgerHolds } from '@wallet/testing/db';
import type { MailCatcher } from '@wallet/testing/mail-catcher';
import { deposit, newKey, transfer } from '@wallet/testing/money';
import type { TestApi } from '@wallet/testing/test-app';
import { createAdmin, createUser } from '@wallet/testing/users';
import { sleep } from '@wallet/testing/wait';
import { startWorkerHarness, type WorkerHarness } from '@wallet/testing/worker-harness';

/** The memo and the reversal emails (docs/design.md §13), from HTTP to the inbox. */
describe('memos and reversals reach the inbox (docs/design.md §13)', () => {
  let harness: WorkerHarness;
  let mail: MailCatcher;
  let api: TestApi;

  beforeAll(async () => {
    harness = await startWorkerHarness({ label: 'corrections-mail' });
    mail = harness.mail;
    api = await harness.startApi();
  });

  afterEach(() => expectLedgerHolds(harness.database.url));

  afterAll(() => harness?.close());

  it('shows the memo in the received email, and mails both owners when the transfer is reversed', async () => {
    const admin = await createAdmin(api);
    const sender = await createUser(api, 'sender');
    const recipient = await createUser(api, 'recipient');
    await deposit(api, admin, sender.id, 5_000).expect(201);
    const sent = await api.http
      .post('/api/v1/wallet/transfer')
      .set(sender.auth)
      .set('Idempotency-Key', newKey())
      .send({ recipientEmail: recipient.email, amount: 1_250, memo: 'Dinner <b>&</b> drinks' })
      .expect(201);

    const [received] = await mail.waitFor(recipient.email);
    expect(received.subject).toBe('You received $12.50 in your wallet');
    expect(received.text).toContain(
      'sent you $12.50. Your balance is now $12.50.\nMemo: Dinner <b>&</b> drinks\n',
    );
    expect(received.html).toContain('<p>Memo: <strong>Dinner &lt;b&gt;&amp;&lt;/b&gt; drinks</strong></p>');

    await api.http
      .post(`/api/v1/admin/transactions/${sent.body.id}/reverse`)
      .set(admin.auth)
      .set('Idempotency-Key', newKey())
      .send({ reason: 'Sent to the wrong person' })
      .expect(201);

    const senderMails = await mail.waitFor(sender.email, 2); // the deposit, then the reversal
    const senderReversal = senderMails.find((one) => one.subject.includes('reversed'))!;
    expect(senderReversal.subject).toBe('A transfer sent of $12.50 was reversed');
    expect(senderReversal.text).toContain(
      '$12.50 was put back into your wallet.\nYour balance is now $50.00.',
    );
    expect(senderReversal.text).toContain('Reason: Sent to the wrong person');
    expect(senderReversal.text).toContain(`Reversed transaction: ${sent.body.id}`);

    const recipientMails = await mail.waitFor(recipient.email, 2);
    const recipientReversal = recipientMails.find((one) => one.subject.includes('reversed'))!;
    expect(recipientReversal.subject).toBe('A transfer received of $12.50 was reversed');
    expect(recipientReversal.text).toContain(
      '$12.50 was taken back out of your wallet.\nYour balance is now $0.00.',
    );
    expect(recipientReversal.html).toContain('Reason: <strong>Sent to the wrong person</strong>');

    // A transfer without a memo says nothing about one.
    await transfer(api, sender, recipient.email, 100).expect(201);
    const plain = (await mail.waitFor(recipient.email, 3)).find((one) => one.subject.includes('$1.00'))!;
    expect(plain.text).not.toContain('Memo');

    await sleep(2_500);
    expect(mail.to(sender.email)).toHaveLength(2);
    expect(mail.to(recipient.email)).toHaveLength(3);
  });
});
