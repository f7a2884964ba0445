/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { EmailDeliveryStatus } from './EmailDeliveryStatus';
export type EmailDeliveryResponseDto = {
    abandonedAt: string | null;
    /**
     * Attempts since it was (re)sent.
     */
    attempts: number;
    createdAt: string;
    /**
     * Also its BullMQ job id.
     */
    id: string;
    kind: string;
    lastError: string | null;
    /**
     * When a pending email is tried next.
     */
    nextAttemptAt: string;
    recipient: string;
    sentAt: string | null;
    status: EmailDeliveryStatus;
};

