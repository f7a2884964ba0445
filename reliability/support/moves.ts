import type { Account } from './accounts';
import { sleep } from '@wallet/testing/wait';
import { HttpAnswer, NoAnswerError } from './http';
import type { ApiProcess } from './processes';

/** How one money move ended, once it got a definite answer. */
export interface MoveOutcome {
  answer: HttpAnswer;
  attempts: number;
  /** Some attempt may have reached the server but its answer was lost (reset, cut short). */
  lostAnswer: boolean;
  /** Attempts that never reached the server (connection refused). */
  refused: number;
  /** 409 IDEMPOTENCY_KEY_IN_USE answers waited out. */
  inUse: number;
  /** 503 answers retried. */
  unavailable: number;
  /** Failures by Node error code. */
  noAnswer: Record<string, number>;
}

/** Spreads requests over several API instances, steering away from one that refused a connection. */
export class Balancer {
  private readonly downUntil = new Map<ApiProcess, number>();

  constructor(readonly instances: ApiProcess[]) {}

  pick(avoid?: ApiProcess): ApiProcess {
    const now = Date.now();
    const up = this.instances.filter((api) => (this.downUntil.get(api) ?? 0) <= now && api !== avoid);
    const pool = up.length > 0 ? up : this.instances.filter((api) => api !== avoid);
    const candidates = pool.length > 0 ? pool : this.instances;
    return candidates[Math.floor(Math.random() * candidates.length)];
  }

  markDown(api: ApiProcess, forMs = 300): void {
    this.downUntil.set(api, Date.now() + forMs);
  }
}

/**
 * Sends one money move and retries it with the same Idempotency-Key until it gets a definite
 * answer, as a careful client does (docs/design.md §3): after a lost answer (the server may or may not
 * have done it), after 409 IDEMPOTENCY_KEY_IN_USE (the first attempt is still running or was
 * cut off with its advisory lock held), and after 503. A definite answer is any other status.
 */
export async function moveUntilAnswered(
  balancer: Balancer,
  from: Account,
  key: string,
  request: { path: string; body: unknown },
  {
    maxAttempts = 400,
    timeoutMs = 10_000,
    onAnswer,
  }: { maxAttempts?: number; timeoutMs?: number; onAnswer?: (answer: HttpAnswer) => void } = {},
): Promise<MoveOutcome> {
  const outcome: Omit<MoveOutcome, 'answer'> = {
    attempts: 0,
    lostAnswer: false,
    refused: 0,
    inUse: 0,
    unavailable: 0,
    noAnswer: {},
  };
  let avoid: ApiProcess | undefined;
  while (outcome.attempts < maxAttempts) {
    outcome.attempts++;
    const api = balancer.pick(avoid);
    try {
      const answer = await api.http.request({
        method: 'POST',
        path: request.path,
        headers: { ...from.auth, 'idempotency-key': key },
        body: request.body,
        timeoutMs,
      });
      avoid = undefined;
      onAnswer?.(answer);
      if (answer.status === 409 && answer.body?.code === 'IDEMPOTENCY_KEY_IN_USE') {
        outcome.inUse++;
        await sleep(25 + Math.random() * 50);
        continue;
      }
      if (answer.status === 503) {
        outcome.unavailable++;
        await sleep(50 + Math.random() * 100);
        continue;
      }
      return { ...outcome, answer };
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
      outcome.noAnswer[error.code] = (outcome.noAnswer[error.code] ?? 0) + 1;
      if (error.refused) {
        outcome.refused++;
        balancer.markDown(api);
      } else {
        outcome.lostAnswer = true;
      }
      avoid = api;
      await sleep(10 + Math.random() * 40);
    }
  }
  throw new Error(`no definite answer for key ${key} after ${maxAttempts} attempts`);
}
