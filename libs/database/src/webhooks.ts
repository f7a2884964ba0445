import type { WebhookDeliveryStatus } from '@wallet/shared';

/**
 * The rows of `webhook_endpoints` and `webhook_deliveries` (docs/design.md §14), read through these
 * column lists by the API's admin routes and the worker alike, so every reader gets one typed shape.
 */
export interface WebhookEndpointRow {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  /** After a rotation: until when the previous secret also signs. */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
}

/** An endpoint with what signs for it: its secret, and the previous one while its overlap lasts. */
export interface WebhookEndpointSecretsRow extends WebhookEndpointRow {
  secret: string;
  previousSecret: string | null;
}

export const WEBHOOK_ENDPOINT_COLUMNS = `id, url, events, description, enabled,
  previous_secret_expires_at AS "previousSecretExpiresAt", created_at AS "createdAt"`;

export const WEBHOOK_ENDPOINT_SECRET_COLUMNS = `${WEBHOOK_ENDPOINT_COLUMNS}, secret,
  previous_secret AS "previousSecret"`;

export interface WebhookDeliveryRow {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  status: WebhookDeliveryStatus;
  responseStatus: number | null;
  error: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
}

export const WEBHOOK_DELIVERY_COLUMNS = `id, endpoint_id AS "endpointId", event_id AS "eventId",
  event_type AS "eventType", attempt, status, response_status AS "responseStatus", error,
  created_at AS "createdAt", next_attempt_at AS "nextAttemptAt"`;
