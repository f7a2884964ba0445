import { BaseHttpRequest, CancelablePromise, WalletClient } from '@wallet/sdk';

/** What one SDK call was asked to do (the SDK does not export its type by name). */
export type RequestOptions = Parameters<BaseHttpRequest['request']>[0];

/** Called around every request the console makes, whichever page makes it. */
export interface RequestHooks {
  succeeded(options: RequestOptions): void;
  failed(error: unknown, options: RequestOptions): void;
}

/**
 * The generated client (libs/sdk) with the session's token and hooks. Same origin: the console is
 * served with `/api` proxied to the API, so the base is '' (the SDK's paths start with /api/v1).
 */
export function createApiClient(token: () => string | undefined, hooks: RequestHooks): WalletClient {
  class HookedRequest extends BaseHttpRequest {
    private readonly inner = new WalletClient(this.config).request;

    override request<T>(options: RequestOptions): CancelablePromise<T> {
      const sent = this.inner.request<T>(options);
      return new CancelablePromise<T>((resolve, reject, onCancel) => {
        onCancel(() => sent.cancel());
        sent.then(
          (value) => {
            hooks.succeeded(options);
            resolve(value);
          },
          (error: unknown) => {
            hooks.failed(error, options);
            reject(error);
          },
        );
      });
    }
  }
  return new WalletClient({ BASE: '', TOKEN: async () => token() ?? '' }, HookedRequest);
}
