import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { valuesList } from '@wallet/database';
import type { JobName, JobPayloads } from '@wallet/shared';

export interface OutboxMessage<K extends JobName = JobName> {
  kind: K;
  payload: JobPayloads[K];
}

/** Writes messages for the worker in the caller's transaction: they exist iff the change commits (docs/design.md §6). */
@Injectable()
export class OutboxRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async add(...messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const insert = outboxInsert(messages);
    await this.txHost.tx.query(insert.sql, insert.params);
  }
}

/** The INSERT of `messages`, numbering its parameters from `firstParam`: for composing with other writes. */
export function outboxInsert(messages: OutboxMessage[], firstParam = 1): { sql: string; params: unknown[] } {
  const values = valuesList(
    messages.map((message) => [message.kind, JSON.stringify(message.payload)]),
    firstParam,
  );
  return { sql: `INSERT INTO outbox (kind, payload) VALUES ${values.sql}`, params: values.params };
}

/** Typed constructor for one message. */
export function outboxMessage<K extends JobName>(kind: K, payload: JobPayloads[K]): OutboxMessage<K> {
  return { kind, payload };
}
