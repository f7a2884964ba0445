import { ALL_WEBHOOK_EVENTS, WebhookEventType } from '@wallet/shared';

/** Event types in words, for the console's webhook pages (docs/design.md §14). */
const EVENT_LABELS: Record<WebhookEventType, string> = {
  [WebhookEventType.TRANSACTION_SUCCEEDED]: 'Transaction succeeded',
  [WebhookEventType.TRANSACTION_FAILED]: 'Transaction failed',
  [WebhookEventType.TRANSACTION_REVERSED]: 'Transaction reversed',
  [WebhookEventType.ACCOUNT_FROZEN]: 'Account frozen',
  [WebhookEventType.ACCOUNT_UNFROZEN]: 'Account unfrozen',
  [WebhookEventType.USER_REGISTERED]: 'User registered',
  [WebhookEventType.USER_ACTIVATED]: 'User activated',
  [WebhookEventType.USER_DEACTIVATED]: 'User deactivated',
};

/** What an endpoint can subscribe to, every type first. */
export const WEBHOOK_EVENT_OPTIONS: { value: WebhookEventType | typeof ALL_WEBHOOK_EVENTS; label: string }[] =
  [
    { value: ALL_WEBHOOK_EVENTS, label: 'All events' },
    ...Object.values(WebhookEventType).map((value) => ({ value, label: EVENT_LABELS[value] })),
  ];

export function eventLabel(type: string): string {
  return type === ALL_WEBHOOK_EVENTS ? 'All events' : (EVENT_LABELS[type as WebhookEventType] ?? type);
}

export function eventsLabel(types: string[]): string {
  return types.map(eventLabel).join(', ');
}
