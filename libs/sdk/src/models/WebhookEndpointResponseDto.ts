/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type WebhookEndpointResponseDto = {
    createdAt: string;
    description: string | null;
    enabled: boolean;
    events: Array<'transaction.succeeded' | 'transaction.failed' | 'transaction.reversed' | 'account.frozen' | 'account.unfrozen' | 'user.registered' | 'user.activated' | 'user.deactivated' | '*'>;
    id: string;
    /**
     * After a rotation: until when the previous secret also signs deliveries.
     */
    previousSecretExpiresAt: string | null;
    url: string;
};

