/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type CreateWebhookEndpointRequestDto = {
    description?: string;
    /**
     * The event types delivered, or `["*"]` for every type.
     */
    events: Array<'transaction.succeeded' | 'transaction.failed' | 'transaction.reversed' | 'account.frozen' | 'account.unfrozen' | 'user.registered' | 'user.activated' | 'user.deactivated' | '*'>;
    /**
     * An `https:` URL whose host resolves to public addresses only (`http:` and private or loopback addresses too when the server runs with `WEBHOOK_ALLOW_INSECURE_URLS=true`). Redirects are not followed.
     */
    url: string;
};

