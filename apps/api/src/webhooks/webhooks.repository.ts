import { Injectable } from '@nestjs/common';
import {
  Database,
  type PageRequest,
  type RowsPage,
  sql,
  WEBHOOK_DELIVERY_COLUMNS,
  WEBHOOK_ENDPOINT_COLUMNS,
  WEBHOOK_ENDPOINT_SECRET_COLUMNS,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
  type WebhookEndpointSecretsRow,
} from '@wallet/database';
import type { WebhookDeliveryStatus } from '@wallet/shared';

/** How long a rotated-out secret keeps signing (docs/design.md §14). */
const ROTATION_OVERLAP = '24 hours';

export interface NewWebhookEndpoint {
  url: string;
  events: string[];
  description: string | null;
  secret: string;
}

/** What a PATCH changes; undefined leaves a field as it is (a null description clears it). */
export interface WebhookEndpointChange {
  url?: string;
  events?: string[];
  enabled?: boolean;
  description?: string | null;
}

const INSERT = sql<
  WebhookEndpointSecretsRow,
  [url: string, events: string[], description: string | null, secret: string]
>(
  'webhook_endpoint_insert',
  `INSERT INTO webhook_endpoints (url, events, description, secret) VALUES ($1, $2, $3, $4)
   RETURNING ${WEBHOOK_ENDPOINT_SECRET_COLUMNS}`,
);

const LIST = {
  items: sql<WebhookEndpointRow, [limit: number, offset: number]>(
    'webhook_endpoint_list',
    `SELECT ${WEBHOOK_ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
  ),
  count: sql<{ total: number }, []>(
    'webhook_endpoint_count',
    `SELECT count(*)::int AS total FROM webhook_endpoints`,
  ),
};

const FIND = sql<WebhookEndpointRow, [id: string]>(
  'webhook_endpoint_find',
  `SELECT ${WEBHOOK_ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`,
);

const UPDATE = sql<
  WebhookEndpointRow,
  [
    id: string,
    url: string | null,
    events: string[] | null,
    enabled: boolean | null,
    setDescription: boolean,
    description: string | null,
  ]
>(
  'webhook_endpoint_update',
  `UPDATE webhook_endpoints
   SET url = coalesce($2, url), events = coalesce($3::text[], events), enabled = coalesce($4, enabled),
       description = CASE WHEN $5 THEN $6 ELSE description END
   WHERE id = $1
   RETURNING ${WEBHOOK_ENDPOINT_COLUMNS}`,
);

// The current secret becomes the previous one, signing beside the new one until the overlap ends;
// a secret rotated out earlier than that stops signing now.
const ROTATE = sql<WebhookEndpointSecretsRow, [id: string, secret: string]>(
  'webhook_endpoint_rotate',
  `UPDATE webhook_endpoints
   SET previous_secret = secret, previous_secret_expires_at = now() + interval '${ROTATION_OVERLAP}',
       secret = $2
   WHERE id = $1
   RETURNING ${WEBHOOK_ENDPOINT_SECRET_COLUMNS}`,
);

const DELETE = sql<never, [id: string]>(
  'webhook_endpoint_delete',
  `DELETE FROM webhook_endpoints WHERE id = $1`,
);

const DELIVERIES_WHERE = `endpoint_id = $1 AND ($2::text IS NULL OR status = $2)`;
const DELIVERIES = {
  items: sql<WebhookDeliveryRow, [endpointId: string, status: string | null, limit: number, offset: number]>(
    'webhook_delivery_list',
    `SELECT ${WEBHOOK_DELIVERY_COLUMNS} FROM webhook_deliveries
     WHERE ${DELIVERIES_WHERE}
     ORDER BY created_at DESC, id
     LIMIT $3 OFFSET $4`,
  ),
  count: sql<{ total: number }, [endpointId: string, status: string | null]>(
    'webhook_delivery_count',
    `SELECT count(*)::int AS total FROM webhook_deliveries WHERE ${DELIVERIES_WHERE}`,
  ),
};

// Due now, whatever it came to before: the worker's re-enqueue pass sends it within
// WEBHOOK_REQUEUE_INTERVAL_MS, under the delivery's own id, so the receiver sees the same
// `webhook-id` again. One more attempt: failing, it waits for the schedule only if some is left.
const RETRY = sql<WebhookDeliveryRow, [id: string]>(
  'webhook_delivery_retry',
  `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now()
   WHERE id = $1
   RETURNING ${WEBHOOK_DELIVERY_COLUMNS}`,
);

/** `webhook_endpoints` and `webhook_deliveries` for the admin routes (docs/design.md §14). */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly database: Database) {}

  async insert(endpoint: NewWebhookEndpoint): Promise<WebhookEndpointSecretsRow> {
    const [row] = await this.database.rows(INSERT, [
      endpoint.url,
      endpoint.events,
      endpoint.description,
      endpoint.secret,
    ]);
    return row;
  }

  /** Newest first. */
  list(request: PageRequest): Promise<RowsPage<WebhookEndpointRow>> {
    return this.database.page(LIST, [], request);
  }

  findById(id: string): Promise<WebhookEndpointRow | undefined> {
    return this.database.first(FIND, [id]);
  }

  update(id: string, change: WebhookEndpointChange): Promise<WebhookEndpointRow | undefined> {
    return this.database.first(UPDATE, [
      id,
      change.url ?? null,
      change.events ?? null,
      change.enabled ?? null,
      change.description !== undefined,
      change.description ?? null,
    ]);
  }

  rotate(id: string, secret: string): Promise<WebhookEndpointSecretsRow | undefined> {
    return this.database.first(ROTATE, [id, secret]);
  }

  /** Deletes the endpoint and its delivery log; whether it existed. */
  async delete(id: string): Promise<boolean> {
    return (await this.database.rowCount(DELETE, [id])) > 0;
  }

  /** An endpoint's deliveries, newest first. */
  deliveries(
    endpointId: string,
    request: PageRequest,
    status?: WebhookDeliveryStatus,
  ): Promise<RowsPage<WebhookDeliveryRow>> {
    return this.database.page(DELIVERIES, [endpointId, status ?? null], request);
  }

  retry(deliveryId: string): Promise<WebhookDeliveryRow | undefined> {
    return this.database.first(RETRY, [deliveryId]);
  }
}
