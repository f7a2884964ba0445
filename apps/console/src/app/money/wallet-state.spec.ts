import type { WalletResponseDto } from '@wallet/sdk';
import { WalletState } from './wallet-state';

const wallet = (balance: number) => ({ balance }) as WalletResponseDto;

describe('WalletState', () => {
  it('shows the wallet, and keeps the last one with the reason when loading it again fails', async () => {
    const answers: Array<() => Promise<WalletResponseDto>> = [
      () => Promise.resolve(wallet(100)),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve(wallet(80)),
    ];
    const state = new WalletState(() => answers.shift()!());
    await state.load();
    expect([state.loaded(), state.error()]).toEqual([wallet(100), null]);
    await state.load();
    expect(state.loaded()).toEqual(wallet(100));
    expect(state.error()).toMatch(/^Could not reach the server/);
    await state.load();
    expect([state.loaded(), state.error()]).toEqual([wallet(80), null]);
  });
});
