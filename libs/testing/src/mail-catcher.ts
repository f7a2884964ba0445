import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from './mime';
import { waitFor } from './wait';

/** One message as the SMTP server received it. */
export interface ReceivedMail extends ParsedMail {
  /** The envelope: who the server was asked to deliver to. */
  envelopeTo: string[];
  raw: string;
}

export interface MailCatcherOptions {
  /** Refuses RCPT TO for some addresses with the given reply, e.g. `{ code: 550, message: 'No such user' }`. */
  rejectRecipient?: (address: string) => { code: number; message: string } | undefined;
  /** Waits this long before accepting a message to some addresses: a slow server, with the job in flight meanwhile. */
  acceptDelayMs?: (address: string) => number;
}

/** A real SMTP server in the test process, on an ephemeral port, that keeps what it receives. */
export interface MailCatcher {
  readonly port: number;
  /** SMTP_HOST and SMTP_PORT for a config pointing at this server. */
  readonly env: { SMTP_HOST: string; SMTP_PORT: string };
  /** Every message received, oldest first. */
  readonly messages: ReceivedMail[];
  /** Every RCPT TO address the server was given, accepted or refused, in order. */
  readonly recipientAttempts: string[];
  /** Messages delivered to one address. */
  to(address: string): ReceivedMail[];
  /** Waits until `count` messages (default 1) have been delivered to the address; returns them. */
  waitFor(address: string, count?: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Stops listening, as an SMTP outage; what was received is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const messages: ReceivedMail[] = [];
  const recipientAttempts: string[] = [];
  let server: SMTPServer | null = null;
  let port = 0;

  const listen = async () => {
    const instance = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 500,
      onRcptTo(address, _session, callback) {
        recipientAttempts.push(address.address);
        const rejection = options.rejectRecipient?.(address.address);
        if (!rejection) return callback();
        callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const envelopeTo = session.envelope.rcptTo.map((address) => address.address);
          const delay = Math.max(0, ...envelopeTo.map((address) => options.acceptDelayMs?.(address) ?? 0));
          setTimeout(() => {
            messages.push({ ...parseMail(raw), envelopeTo, raw });
            callback();
          }, delay);
        });
      },
    });
    instance.on('error', () => undefined); // a client dropping its connection is not a test failure
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.listen(port, '127.0.0.1', () => resolve());
    });
    port = (instance.server.address() as AddressInfo).port;
    server = instance;
  };

  await listen();
  const to = (address: string) => messages.filter((message) => message.envelopeTo.includes(address));
  return {
    get port() {
      return port;
    },
    get env() {
      return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) };
    },
    messages,
    recipientAttempts,
    to,
    waitFor: (address, count = 1, timeoutMs = 10_000) =>
      waitFor(() => (to(address).length >= count ? to(address) : undefined), {
        timeoutMs,
        what: `${count} message(s) to ${address}`,
      }),
    async stop() {
      const instance = server;
      server = null;
      if (instance) await new Promise<void>((resolve) => instance.close(() => resolve()));
    },
    start: listen,
  };
}
