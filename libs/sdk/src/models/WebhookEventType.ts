/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type WebhookEventType = 'transaction.succeeded' | 'transaction.failed' | 'transaction.reversed' | 'account.frozen' | 'account.unfrozen' | 'user.registered' | 'user.activated' | 'user.deactivated';
