import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { JobName, JobPayloads } from '@wallet/shared';

export interface OutboxMessage<K extends JobName = JobName> {
  kind: K;
  payload: JobPayloads[K];
}

/** Writes messages for the worker in the caller's transaction: they exist iff the change commits (DESIGN §6). */
@Injectable()
export class OutboxRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async add(...messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const values = messages.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
    await this.txHost.tx.query(
      `INSERT INTO outbox (kind, payload) VALUES ${values}`,
      messages.flatMap((message) => [message.kind, JSON.stringify(message.payload)]),
    );
  }
}

/** Typed constructor for one message. */
export function outboxMessage<K extends JobName>(kind: K, payload: JobPayloads[K]): OutboxMessage<K> {
  return { kind, payload };
}
