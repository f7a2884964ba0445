import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@wallet/config';
import { parseWebhookUrl, publicOnlyLookup, WebhookUrlRefusedError } from '@wallet/messaging';
import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { messageOf } from '../common/outage-log';

/** Per attempt, from connecting to the end of the answer (docs/design.md §14). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Of an answer's body, only this much is read; the status is what counts. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** What one attempt came to. */
export type WebhookAttemptOutcome =
  { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** One delivery attempt: where to, what, and the secrets that sign it. */
export interface WebhookRequest {
  /** Also the `webhook-id` header: the same on every attempt of the delivery. */
  id: string;
  url: string;
  body: string;
  secrets: string[];
}

/**
 * The signature headers of the Standard Webhooks specification: `webhook-id`, `webhook-timestamp`
 * (the attempt's time, in seconds, which receivers check against replays) and
 * `webhook-signature`, one `v1,<base64>` per secret, separated by spaces (two after a rotation,
 * docs/design.md §14). Signed by the `standardwebhooks` package, as receivers verify.
 */
export function signatureHeaders(request: WebhookRequest, at: Date): Record<string, string> {
  // Whole seconds: the header carries seconds, and the signature must be over what it says.
  const timestamp = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return {
    'webhook-id': request.id,
    'webhook-timestamp': String(timestamp.getTime() / 1000),
    'webhook-signature': request.secrets
      .map((secret) => new Webhook(secret).sign(request.id, timestamp, request.body))
      .join(' '),
  };
}

/**
 * POSTs webhook deliveries (docs/design.md §14). Only what the URL policy allows is reached, checked
 * where it matters: the URL before connecting, and every address the host resolves to at the moment
 * of connecting (`publicOnlyLookup`), so a name that resolved to a public address when the endpoint
 * was saved cannot be pointed at the private network later. Redirects are never followed (a 3xx is
 * a failed attempt), and each attempt ends after 10 s whatever the receiver does.
 */
@Injectable()
export class WebhookSender implements OnModuleDestroy {
  private readonly allowInsecure: boolean;
  // Connections are reused between attempts to one receiver; each new one is checked on connect.
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, timeout: WEBHOOK_TIMEOUT_MS }),
    https: new https.Agent({ keepAlive: true, timeout: WEBHOOK_TIMEOUT_MS }),
  };

  constructor(@InjectConfig() config: AppConfig) {
    this.allowInsecure = config.webhooks.allowInsecureUrls;
  }

  async send(request: WebhookRequest, at = new Date()): Promise<WebhookAttemptOutcome> {
    let url: URL;
    try {
      url = parseWebhookUrl(request.url, this.allowInsecure);
    } catch (error) {
      return { ok: false, status: null, error: messageOf(error) };
    }
    try {
      const status = await this.post(url, request, at);
      if (status >= 200 && status < 300) return { ok: true, status };
      const error =
        status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
      return { ok: false, status, error };
    } catch (error) {
      return { ok: false, status: null, error: describe(error) };
    }
  }

  onModuleDestroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private post(url: URL, request: WebhookRequest, at: Date): Promise<number> {
    const secure = url.protocol === 'https:';
    const client = secure ? https : http;
    return new Promise<number>((resolve, reject) => {
      const outgoing = client.request(
        url,
        {
          method: 'POST',
          agent: secure ? this.agents.https : this.agents.http,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(request.body),
            'user-agent': 'digital-wallet-webhooks/1',
            ...signatureHeaders(request, at),
          },
          // With insecure URLs allowed (development, tests) every address may be reached.
          ...(this.allowInsecure ? {} : { lookup: publicOnlyLookup }),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        },
        (response) => {
          let read = 0;
          let enough = false;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            // Enough of an answer: the status is known, the rest is not worth waiting for.
            if (read > MAX_RESPONSE_BYTES) {
              enough = true;
              response.destroy();
            }
          });
          response.on('error', (error) => {
            if (!enough) reject(error);
          });
          response.on('close', () => {
            // An answer cut off (the receiver went away, or the 10 s ran out) is no answer.
            if (response.complete || enough) resolve(response.statusCode ?? 0);
            else reject(new Error('the answer was cut off'));
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  }
}

/** What an admin reads in the delivery log about a failed attempt. */
function describe(error: unknown): string {
  if (error instanceof WebhookUrlRefusedError) return `refused: ${error.message}`;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  }
  // Connecting to every address of a name fails as an AggregateError, often without a message.
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map(messageOf).join('; ') || String((error as { code?: string }).code);
  }
  return messageOf(error);
}
