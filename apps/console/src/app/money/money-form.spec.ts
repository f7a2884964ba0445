// @angular/forms ships partially compiled: the JIT compiler links it when the spec loads it.
import '@angular/compiler';
import { FormControl, FormGroup } from '@angular/forms';
import { ApiError, type ApprovalRequestDto, type TransactionResponseDto } from '@wallet/sdk';
import { ErrorCode } from '@wallet/shared';
import { MoneyFormState } from './money-form';

const transaction = { id: 'tx-1', amount: 2000, balanceAfter: 8000 } as TransactionResponseDto;

function refusal(code: ErrorCode): ApiError {
  return new ApiError(
    { method: 'POST', url: '/api/v1/wallet/withdraw' },
    {
      url: '/api/v1/wallet/withdraw',
      ok: false,
      status: 422,
      statusText: '',
      body: { type: 'about:blank', title: 'x', status: 422, detail: 'x', code },
    },
    'error',
  );
}

const newState = () =>
  new MoneyFormState<{ amount: number }>(new FormGroup({ amount: new FormControl('') }), 'withdraw');

describe('MoneyFormState', () => {
  it('shows the transaction of a success, and clears it when the next submission starts', async () => {
    const state = newState();
    expect(await state.submit({ amount: 2000 }, () => Promise.resolve(transaction))).toBe(transaction);
    expect([state.result(), state.error(), state.submitting()]).toEqual([transaction, null, false]);
    await state.submit({ amount: 2000 }, () => Promise.reject(refusal(ErrorCode.INSUFFICIENT_FUNDS)));
    expect(state.result()).toBeNull();
    expect(state.error()).toBe('You do not have enough money in your wallet for this amount.');
  });

  it('resends a submission whose answer was lost with the same key, and a new one after an answer', async () => {
    const state = newState();
    const keys: string[] = [];
    const lost = (_: unknown, key: string) => (
      keys.push(key),
      Promise.reject(new TypeError('Failed to fetch'))
    );
    const answered = (_: unknown, key: string) => (keys.push(key), Promise.resolve(transaction));
    expect(await state.submit({ amount: 2000 }, lost)).toBeNull();
    expect(state.error()).toMatch(/^Could not reach the server/);
    await state.submit({ amount: 2000 }, answered);
    await state.submit({ amount: 2000 }, answered);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it('sends nothing while a submission is out', async () => {
    const state = newState();
    let finish!: (value: TransactionResponseDto) => void;
    const first = state.submit(
      { amount: 2000 },
      () => new Promise<TransactionResponseDto>((resolve) => (finish = resolve)),
    );
    const send = jest.fn(() => Promise.resolve(transaction));
    expect(await state.submit({ amount: 500 }, send)).toBeNull();
    expect(send).not.toHaveBeenCalled();
    finish(transaction);
    expect(await first).toBe(transaction);
  });

  it('keeps a deposit above the approval threshold apart: a request, not a transaction', async () => {
    const state = newState();
    const request = {
      id: 'rq-1',
      kind: 'deposit',
      status: 'pending',
      requestedBy: 'admin-1',
      amount: 250_000,
    };
    const answer = await state.submit({ amount: 250_000 }, () =>
      Promise.resolve(request as ApprovalRequestDto),
    );
    expect(answer).toBe(request);
    expect([state.requested(), state.result(), state.error()]).toEqual([request, null, null]);
    await state.submit({ amount: 2000 }, () => Promise.resolve(transaction));
    expect([state.requested(), state.result()]).toEqual([null, transaction]);
  });
});
