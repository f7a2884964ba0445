/**
 * An example service receiving the wallet's webhooks (docs/design.md §14): it verifies each
 * delivery with the `standardwebhooks` package before trusting it, answers 2xx quickly, and
 * processes each event once although a delivery may come more than once (under the same
 * `webhook-id`). Run it with Node 24 (`node docs/examples/webhook-receiver.ts`) and
 * `WEBHOOK_SECRET=whsec_…` (the secret shown when the endpoint was registered); during a rotation
 * either secret works, since the wallet signs with both for 24 hours.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

interface WalletEvent {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

const secret = process.env.WEBHOOK_SECRET;
if (!secret?.startsWith('whsec_')) throw new Error('set WEBHOOK_SECRET to the endpoint’s whsec_… secret');
const webhook = new Webhook(secret);

/** The ids of deliveries already handled; a real service keeps them in its database, with the effect. */
const handled = new Set<string>();

/** The raw body, exactly as signed: verify before parsing, never a re-serialised copy. */
async function rawBody(request: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function handle(event: WalletEvent): void {
  switch (event.type) {
    case 'transaction.succeeded':
      console.log(
        `user ${String(event.data.userId)}: ${String(event.data.type)} of ${String(event.data.amount)} cents`,
      );
      break;
    case 'account.frozen':
      console.log(`user ${String(event.data.userId)}'s wallet was frozen`);
      break;
    default:
      console.log(`${event.type} at ${event.timestamp}`);
  }
}

const server = createServer((request, response) => {
  void (async () => {
    if (request.method !== 'POST') return response.writeHead(405).end();
    let event: WalletEvent;
    try {
      const body = await rawBody(request);
      // Checks the signature (any of the `v1,` ones) and that `webhook-timestamp` is within five
      // minutes of now, so a captured delivery cannot be replayed later.
      event = webhook.verify(body, {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      }) as WalletEvent;
    } catch (error) {
      // Not from the wallet (or too old): refuse it. The wallet retries what it really sent.
      const status = error instanceof WebhookVerificationError ? 401 : 400;
      return response.writeHead(status).end();
    }
    const id = String(request.headers['webhook-id']);
    if (!handled.has(id)) {
      handled.add(id);
      handle(event);
    }
    // Any 2xx within 10 s counts as delivered; anything else is retried later.
    response.writeHead(204).end();
  })();
});

server.listen(Number(process.env.PORT ?? 4000), () => console.log('receiving webhooks'));
