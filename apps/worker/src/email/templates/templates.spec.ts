import { JobName, TransactionType } from '@wallet/shared';
import { formatTimestamp } from './email-template';
import { EmailMessage, renderEmail, UnknownEmailKindError } from './index';

const to = { email: 'ada@example.com', name: 'Ada Lovelace' };
const occurredAt = '2025-11-27T06:10:42.123Z';

describe('email templates (docs/design.md §6)', () => {
  it('tells the recipient of a transfer who sent how much, in dollars', () => {
    const email = renderEmail({
      kind: JobName.TRANSFER_RECEIVED_EMAIL,
      payload: {
        to,
        senderName: 'Grace Hopper',
        amount: 123_456,
        balanceAfter: 200_000,
        transactionId: 'tx-1',
        occurredAt,
      },
    });
    expect(email.to).toEqual(to);
    expect(email.subject).toBe('You received $1,234.56 in your wallet');
    expect(email.text).toContain('Hello Ada Lovelace,');
    expect(email.text).toContain('Grace Hopper sent you $1,234.56. Your balance is now $2,000.00.');
    expect(email.text).toContain('Transaction: tx-1\nDate: 2025-11-27 06:10 UTC');
    expect(email.html).toContain(
      '<strong>Grace Hopper</strong> sent you <strong>$1,234.56</strong>. Your balance is now <strong>$2,000.00</strong>.',
    );
    expect(email.html).toContain('<title>You received $1,234.56 in your wallet</title>');
  });

  it('shows the memo of a transfer, escaped in the HTML, and nothing when there is none', () => {
    const payload = {
      to,
      senderName: 'Grace Hopper',
      amount: 100,
      balanceAfter: 100,
      transactionId: 'tx-memo',
      occurredAt,
    };
    const withMemo = renderEmail({
      kind: JobName.TRANSFER_RECEIVED_EMAIL,
      payload: { ...payload, memo: 'Rent <March>' },
    });
    expect(withMemo.text).toContain('Your balance is now $1.00.\nMemo: Rent <March>\n\nTransaction: tx-memo');
    expect(withMemo.html).toContain('<p>Memo: <strong>Rent &lt;March&gt;</strong></p>');
    const withoutMemo = renderEmail({ kind: JobName.TRANSFER_RECEIVED_EMAIL, payload });
    expect(withoutMemo.text).toContain('Your balance is now $1.00.\n\nTransaction: tx-memo');
    expect(withoutMemo.html).not.toContain('Memo');
  });

  it('tells the owner which move was reversed, which way the money went and why', () => {
    const email = renderEmail({
      kind: JobName.TRANSACTION_REVERSED_EMAIL,
      payload: {
        to,
        reversedType: TransactionType.DEPOSIT,
        reversedTransactionId: 'tx-deposit',
        reversedAt: '2025-11-26T09:00:00.000Z',
        amount: 2_500,
        direction: 'debit',
        reason: 'Deposited <twice>',
        balanceAfter: 0,
        transactionId: 'tx-reversal',
        occurredAt,
      },
    });
    expect(email.subject).toBe('A deposit of $25.00 was reversed');
    expect(email.text).toContain(
      'Your deposit of $25.00 on 2025-11-26 09:00 UTC was reversed: $25.00 was taken back out of your wallet.\n' +
        'Your balance is now $0.00.\n\nReason: Deposited <twice>',
    );
    expect(email.text).toContain('Reversed transaction: tx-deposit\nReversal: tx-reversal');
    expect(email.html).toContain('Reason: <strong>Deposited &lt;twice&gt;</strong>');
  });

  it('announces a deposit with its amount and the new balance', () => {
    const email = renderEmail({
      kind: JobName.DEPOSIT_EMAIL,
      payload: { to, amount: 2_500, balanceAfter: 2_505, transactionId: 'tx-2', occurredAt },
    });
    expect(email.subject).toBe('$25.00 was deposited into your wallet');
    expect(email.text).toContain('$25.00 was deposited into your wallet. Your balance is now $25.05.');
    expect(email.html).toContain('<strong>$25.00</strong> was deposited into your wallet.');
  });

  it('gives the freeze reason when there is one, and reads well without', () => {
    const withReason = renderEmail({
      kind: JobName.ACCOUNT_FROZEN_EMAIL,
      payload: { to, reason: 'Suspicious activity', occurredAt },
    });
    expect(withReason.subject).toBe('Your wallet has been frozen');
    expect(withReason.text).toContain(
      'Your wallet was frozen on 2025-11-27 06:10 UTC. Reason: Suspicious activity\n',
    );
    expect(withReason.html).toContain('<p>Reason: <strong>Suspicious activity</strong></p>');

    const withoutReason = renderEmail({
      kind: JobName.ACCOUNT_FROZEN_EMAIL,
      payload: { to, reason: null, occurredAt },
    });
    expect(withoutReason.text).toContain('Your wallet was frozen on 2025-11-27 06:10 UTC.\n');
    expect(withoutReason.text).not.toContain('Reason');
    expect(withoutReason.html).not.toContain('Reason');
  });

  it('announces an unfreeze', () => {
    const email = renderEmail({ kind: JobName.ACCOUNT_UNFROZEN_EMAIL, payload: { to, occurredAt } });
    expect(email.subject).toBe('Your wallet is active again');
    expect(email.text).toContain('Your wallet was unfrozen on 2025-11-27 06:10 UTC.');
    expect(email.html).toContain('Your wallet was unfrozen on 2025-11-27 06:10 UTC.');
  });

  it('escapes names in HTML, leaves the text part as typed and keeps the sender out of the subject', () => {
    const email = renderEmail({
      kind: JobName.TRANSFER_RECEIVED_EMAIL,
      payload: {
        to: { email: 'x@example.com', name: 'Tom & "Jerry"' },
        senderName: '<script>alert(1)</script>',
        amount: 1,
        balanceAfter: 1,
        transactionId: 'tx-3',
        occurredAt,
      },
    });
    expect(email.subject).toBe('You received $0.01 in your wallet');
    expect(email.text).toContain('<script>alert(1)</script>');
    expect(email.text).toContain('Hello Tom & "Jerry",');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('Hello Tom &amp; &quot;Jerry&quot;,');
  });

  it('leaves no placeholder unfilled in any template', () => {
    const messages: EmailMessage[] = [
      {
        kind: JobName.TRANSFER_RECEIVED_EMAIL,
        payload: { to, senderName: 'S', amount: 1, balanceAfter: 1, transactionId: 't', occurredAt },
      },
      {
        kind: JobName.DEPOSIT_EMAIL,
        payload: { to, amount: 1, balanceAfter: 1, transactionId: 't', occurredAt },
      },
      { kind: JobName.ACCOUNT_FROZEN_EMAIL, payload: { to, reason: 'r', occurredAt } },
      { kind: JobName.ACCOUNT_UNFROZEN_EMAIL, payload: { to, occurredAt } },
    ];
    for (const message of messages) {
      const email = renderEmail(message);
      for (const part of [email.subject, email.text, email.html]) {
        expect(part).not.toMatch(/\{\{|\}\}|undefined|null|NaN/);
      }
    }
  });

  it('refuses a payload it cannot show and a kind it does not know', () => {
    expect(() =>
      renderEmail({ kind: JobName.ACCOUNT_UNFROZEN_EMAIL, payload: { to, occurredAt: 'yesterday' } }),
    ).toThrow(RangeError);
    expect(() =>
      renderEmail({
        kind: JobName.DEPOSIT_EMAIL,
        payload: { to, amount: 12.5, balanceAfter: 1, transactionId: 't', occurredAt },
      }),
    ).toThrow(RangeError);
    expect(() => renderEmail({ kind: 'newsletter', payload: { to } } as unknown as EmailMessage)).toThrow(
      UnknownEmailKindError,
    );
  });
});

describe('formatTimestamp', () => {
  it('shows minutes in UTC whatever the offset of the input', () => {
    expect(formatTimestamp('2025-01-02T03:04:59Z')).toBe('2025-01-02 03:04 UTC');
    expect(formatTimestamp('2025-01-02T03:04:00+02:00')).toBe('2025-01-02 01:04 UTC');
  });
});
