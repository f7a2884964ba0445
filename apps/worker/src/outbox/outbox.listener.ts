import { Client } from 'pg';
import type { OutageLog } from '../common/outage-log';

const RECONNECT_DELAY_MS = 1_000;

/**
 * A dedicated Postgres session that LISTENs on the channel the outbox trigger notifies after each
 * commit, so mail leaves within milliseconds instead of at the next poll. It cannot come from the
 * pool: a LISTEN belongs to one session for as long as it lasts. When the session breaks it
 * reconnects; the relay's polling covers the gap.
 */
export class OutboxListener {
  private client: Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onNotification: () => void,
    private readonly outage: OutageLog,
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = null;
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: 'wallet-worker-outbox-listener',
    });
    this.client = client;
    client.on('notification', () => this.onNotification());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query('LISTEN outbox');
      this.outage.succeeded();
      // Rows committed while nobody was listening were not announced.
      this.onNotification();
    } catch (error) {
      this.lost(client, error);
    }
  }

  /** Drops a broken session (once, however many events report it) and schedules a new one. */
  private lost(client: Client, error: unknown): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    this.outage.failed(error);
    client.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => void this.connect(), RECONNECT_DELAY_MS);
  }
}
