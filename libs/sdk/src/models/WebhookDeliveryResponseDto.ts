/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { WebhookDeliveryStatus } from './WebhookDeliveryStatus';
import type { WebhookEventType } from './WebhookEventType';
export type WebhookDeliveryResponseDto = {
    /**
     * Attempts made so far.
     */
    attempt: number;
    createdAt: string;
    error: string | null;
    /**
     * The event; the same for every endpoint it goes to.
     */
    eventId: string;
    eventType: WebhookEventType;
    /**
     * Also the `webhook-id` header of every attempt.
     */
    id: string;
    /**
     * When a pending delivery is tried next.
     */
    nextAttemptAt: string;
    /**
     * The last attempt's HTTP status; null when it got no answer.
     */
    responseStatus: number | null;
    status: WebhookDeliveryStatus;
};

