import { TransactionStatus, TransactionType, WebhookEventType } from '@wallet/shared';
import { MONEY_MOVE_OUTBOX_KIND, type PendingOutboxRow, WEBHOOK_EVENT_OUTBOX_KIND } from './outbox-jobs';
import { derivedEventId, eventsOfOutboxRow, webhookEventMessage } from './webhook-events';

const createdAt = new Date('2026-01-02T03:04:05.000Z');

function moneyMove(overrides: Partial<PendingOutboxRow>): PendingOutboxRow {
  return {
    id: 7,
    kind: MONEY_MOVE_OUTBOX_KIND,
    payload: null,
    transactionId: '00000000-0000-4000-8000-000000000001',
    walletId: '00000000-0000-4000-8000-0000000000aa',
    type: TransactionType.TRANSFER_OUT,
    amount: 1_050,
    status: TransactionStatus.SUCCESS,
    failureReason: null,
    transferId: '00000000-0000-4000-8000-0000000000ff',
    createdAt,
    counterpartyName: 'Rita Recipient',
    writtenAt: createdAt,
    lagSeconds: 0.1,
    balanceAfter: 1_450,
    ownerId: 'sender-id',
    ownerEmail: 'sam@example.com',
    ownerName: 'Sam Sender',
    otherLegId: '00000000-0000-4000-8000-000000000002',
    otherLegType: TransactionType.TRANSFER_IN,
    otherLegStatus: TransactionStatus.SUCCESS,
    otherLegFailureReason: null,
    otherLegCreatedAt: createdAt,
    otherLegCounterpartyName: 'Sam Sender',
    otherLegBalanceAfter: 1_050,
    otherOwnerId: 'recipient-id',
    otherOwnerEmail: 'rita@example.com',
    otherOwnerName: 'Rita Recipient',
    memo: 'Rent',
    reversesId: null,
    reversedType: null,
    reversedAt: null,
    ...overrides,
  };
}

describe('webhook events of outbox rows (docs/design.md §14)', () => {
  it('gives a transfer one event per leg, each with its own owner and Transaction', () => {
    const events = eventsOfOutboxRow(moneyMove({}));
    expect(events.map((event) => [event.type, event.data])).toEqual([
      [
        WebhookEventType.TRANSACTION_SUCCEEDED,
        expect.objectContaining({ type: 'transfer_out', userId: 'sender-id', balanceAfter: 1_450 }),
      ],
      [
        WebhookEventType.TRANSACTION_SUCCEEDED,
        expect.objectContaining({
          type: 'transfer_in',
          userId: 'recipient-id',
          balanceAfter: 1_050,
          counterpartyName: 'Sam Sender',
        }),
      ],
    ]);
    expect(events[0].data).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      type: 'transfer_out',
      amount: 1_050,
      status: 'SUCCESS',
      failureReason: null,
      counterpartyName: 'Rita Recipient',
      balanceAfter: 1_450,
      transferId: '00000000-0000-4000-8000-0000000000ff',
      memo: 'Rent',
      reversesId: null,
      reversedById: null,
      createdAt: '2026-01-02T03:04:05.000Z',
      userId: 'sender-id',
    });
  });

  it('derives the same event ids every time, distinct per leg and type, shaped as UUIDs', () => {
    const [first, second] = eventsOfOutboxRow(moneyMove({}));
    const [again] = eventsOfOutboxRow(moneyMove({}));
    expect(again.id).toBe(first.id);
    expect(second.id).not.toBe(first.id);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedEventId(WebhookEventType.TRANSACTION_FAILED, 'x')).not.toBe(
      derivedEventId(WebhookEventType.TRANSACTION_SUCCEEDED, 'x'),
    );
  });

  it('announces a refused move as transaction.failed, to its owner only', () => {
    const events = eventsOfOutboxRow(
      moneyMove({
        status: TransactionStatus.FAILED,
        failureReason: 'INSUFFICIENT_FUNDS',
        otherLegId: null,
        counterpartyName: null,
      }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: WebhookEventType.TRANSACTION_FAILED,
      data: { status: 'FAILED', failureReason: 'INSUFFICIENT_FUNDS', userId: 'sender-id' },
    });
  });

  it('announces a reversal row as transaction.reversed, naming the row it undoes', () => {
    const events = eventsOfOutboxRow(
      moneyMove({
        type: TransactionType.REVERSAL,
        transferId: null,
        memo: 'Deposit typed with an extra zero',
        reversesId: '00000000-0000-4000-8000-0000000000d0',
        reversedType: TransactionType.DEPOSIT,
        reversedAt: createdAt,
        otherLegId: null,
      }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: WebhookEventType.TRANSACTION_REVERSED,
      data: {
        type: 'reversal',
        reversesId: '00000000-0000-4000-8000-0000000000d0',
        memo: 'Deposit typed with an extra zero',
        userId: 'sender-id',
      },
    });
  });

  it("passes an event row's own event on, and gives other rows none", () => {
    const message = webhookEventMessage(WebhookEventType.ACCOUNT_FROZEN, {
      userId: 'u',
      walletId: 'w',
      frozen: true,
      frozenReason: 'review',
    });
    expect(message.kind).toBe(WEBHOOK_EVENT_OUTBOX_KIND);
    const row = moneyMove({ kind: WEBHOOK_EVENT_OUTBOX_KIND, payload: message.payload, transactionId: null });
    expect(eventsOfOutboxRow(row)).toEqual([message.payload]);
    expect(eventsOfOutboxRow(moneyMove({ kind: 'account-frozen-email', transactionId: null }))).toEqual([]);
  });
});
