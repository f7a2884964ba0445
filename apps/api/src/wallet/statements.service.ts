import { Injectable, StreamableFile } from '@nestjs/common';
import { UnitOfWork } from '@wallet/database';
import { PassThrough } from 'node:stream';
import { BalanceAtResponseDto } from './dto/transaction-response.dto';
import { CSV_LINE_END, STATEMENT_CSV_HEADER, statementCsvLine } from './statement-csv';
import { type StatementCursor, type StatementRow, TransactionsRepository } from './transactions.repository';
import { WalletService } from './wallet.service';
import { mapTransaction } from './dto/transaction-response.dto';

/** Rows read per round trip: a few hundred kilobytes of output at most in memory at once. */
const CHUNK_ROWS = 500;

export type StatementFormat = 'json' | 'csv';

interface Balances {
  openingBalance: number;
  closingBalance: number;
}

/** How each format begins, writes a row and ends. */
const FORMATS: Record<
  StatementFormat,
  {
    type: string;
    head: (from: Date, to: Date, balances: Balances) => string;
    row: (row: StatementRow, first: boolean) => string;
    tail: string;
  }
> = {
  json: {
    type: 'application/json; charset=utf-8',
    head: (from, to, balances) => `${JSON.stringify({ from, to, ...balances }).slice(0, -1)},"items":[`,
    row: (row, first) => (first ? '' : ',') + JSON.stringify(mapTransaction(row)),
    tail: ']}',
  },
  csv: {
    type: 'text/csv; charset=utf-8',
    head: () => STATEMENT_CSV_HEADER + CSV_LINE_END,
    row: (row) => statementCsvLine(row) + CSV_LINE_END,
    tail: '',
  },
};

/**
 * Balances at an instant and statements for a range (docs/design.md §13), for a wallet's owner
 * and for admins. A balance is one index look-up of the last SUCCESS row's `balance_after`.
 */
@Injectable()
export class StatementsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly wallet: WalletService,
    private readonly transactions: TransactionsRepository,
  ) {}

  /**
   * The balance just after the last SUCCESS row at or before `at`, 0 before the first. Instants are
   * read to the millisecond, as every `createdAt` is written, so a row's own `createdAt` counts as
   * at or before it: the look-up is of the rows strictly before the next millisecond.
   */
  async balanceAt(userId: string, at: Date): Promise<BalanceAtResponseDto> {
    const walletId = await this.wallet.walletIdOf(userId);
    return { at, balance: await this.transactions.balanceBefore(walletId, new Date(at.getTime() + 1)) };
  }

  /**
   * Every row of [from, to), oldest first, with the balances just before `from` and `to`, streamed
   * as it is read (a year of history never sits in memory). Everything is read in one snapshot
   * (UnitOfWork.snapshot), in chunks along the wallet's index, each written once the client has
   * taken the one before: rows committed meanwhile can neither slip in between chunks nor make the
   * balances disagree with the rows. The answer starts only once the balances are read, so an
   * unknown user or a database outage is still a problem answer, not a cut stream.
   */
  async statement(userId: string, from: Date, to: Date, format: StatementFormat): Promise<StreamableFile> {
    const walletId = await this.wallet.walletIdOf(userId);
    const output = FORMATS[format];
    const body = new PassThrough();
    let started: (value: void) => void = () => undefined;
    let failed: (error: unknown) => void = () => undefined;
    const head = new Promise<void>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });

    const streaming = this.unitOfWork.snapshot(async () => {
      const balances = {
        openingBalance: await this.transactions.balanceBefore(walletId, from),
        closingBalance: await this.transactions.balanceBefore(walletId, to),
      };
      started();
      if (!(await write(body, output.head(from, to, balances)))) return;
      let cursor: StatementCursor = { at: from.toISOString(), seq: 0 };
      let first = true;
      for (;;) {
        const rows = await this.transactions.statementChunk(walletId, cursor, to, CHUNK_ROWS);
        let text = '';
        for (const row of rows) {
          text += output.row(row, first);
          first = false;
        }
        if (text && !(await write(body, text))) return; // the client went away
        if (rows.length < CHUNK_ROWS) break;
        const last = rows[rows.length - 1];
        cursor = { at: last.cursorAt, seq: last.seq };
      }
      body.end(output.tail);
    });
    streaming.catch((error: unknown) => {
      failed(error);
      body.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    await head;

    const day = (date: Date) => date.toISOString().slice(0, 10);
    return new StreamableFile(body, {
      type: output.type,
      disposition:
        format === 'csv' ? `attachment; filename="statement-${day(from)}-to-${day(to)}.csv"` : undefined,
    });
  }
}

/** Writes and waits while the client's buffer is full; false once the stream is gone. */
function write(stream: PassThrough, chunk: string): Promise<boolean> {
  if (stream.destroyed) return Promise.resolve(false);
  if (stream.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (open: boolean) => {
      stream.off('drain', onDrain);
      stream.off('close', onClose);
      resolve(open);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    stream.once('drain', onDrain);
    stream.once('close', onClose);
  });
}
