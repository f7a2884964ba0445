/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type WebhookEndpointWithSecretResponseDto = {
    createdAt: string;
    description: string | null;
    enabled: boolean;
    events: Array<'transaction.succeeded' | 'transaction.failed' | 'transaction.reversed' | 'account.frozen' | 'account.unfrozen' | 'user.registered' | 'user.activated' | 'user.deactivated' | '*'>;
    id: string;
    /**
     * After a rotation: until when the previous secret also signs deliveries.
     */
    previousSecretExpiresAt: string | null;
    /**
     * The signing secret (`whsec_` and base64 of 32 random bytes), shown only now: store it. Verify deliveries with it as the Standard Webhooks specification says.
     */
    secret: string;
    url: string;
};

