import { ErrorCode, UserStatus } from '@wallet/shared';
import { depositViolation, remainingToday, transferViolation, withdrawViolation } from './money-rules';

const wallet = { frozen: false, balance: 5_000 };
const usage = { limit: 10_000, used: 0 };

describe('withdrawViolation (DESIGN §2)', () => {
  it('allows exactly the daily limit and exactly the balance', () => {
    expect(withdrawViolation({ ...wallet, balance: 10_000 }, usage, 10_000)).toBeNull();
    expect(withdrawViolation(wallet, { limit: 10_000, used: 5_000 }, 5_000)).toBeNull();
  });

  it('refuses one cent over the limit or the balance', () => {
    expect(withdrawViolation({ ...wallet, balance: 20_000 }, usage, 10_001)).toBe(
      ErrorCode.DAILY_LIMIT_EXCEEDED,
    );
    expect(withdrawViolation(wallet, usage, 5_001)).toBe(ErrorCode.INSUFFICIENT_FUNDS);
  });

  it('checks frozen first, then the limit, then the balance', () => {
    expect(withdrawViolation({ frozen: true, balance: 0 }, { limit: 0, used: 0 }, 1)).toBe(
      ErrorCode.WALLET_FROZEN,
    );
    expect(withdrawViolation({ frozen: false, balance: 0 }, { limit: 0, used: 0 }, 1)).toBe(
      ErrorCode.DAILY_LIMIT_EXCEEDED,
    );
  });
});

describe('transferViolation (DESIGN §2)', () => {
  const sender = { ...wallet, userId: 'sender' };
  const recipient = { frozen: false, balance: 0, userId: 'recipient', status: UserStatus.ACTIVE };

  it('allows a valid transfer', () => {
    expect(transferViolation(sender, recipient, usage, 5_000)).toBeNull();
  });

  it('checks the rules in order', () => {
    const broke = { limit: 0, used: 0 };
    const frozenRecipient = { ...recipient, frozen: true };
    expect(transferViolation({ ...sender, frozen: true }, undefined, broke, 1)).toBe(ErrorCode.WALLET_FROZEN);
    expect(transferViolation(sender, undefined, broke, 1)).toBe(ErrorCode.RECIPIENT_NOT_FOUND);
    expect(transferViolation(sender, { ...frozenRecipient, userId: 'sender' }, broke, 1)).toBe(
      ErrorCode.SELF_TRANSFER,
    );
    expect(transferViolation(sender, frozenRecipient, broke, 1)).toBe(ErrorCode.RECIPIENT_UNAVAILABLE);
    expect(transferViolation(sender, { ...recipient, status: UserStatus.INACTIVE }, broke, 1)).toBe(
      ErrorCode.RECIPIENT_UNAVAILABLE,
    );
    expect(transferViolation({ ...sender, balance: 0 }, recipient, broke, 1)).toBe(
      ErrorCode.DAILY_LIMIT_EXCEEDED,
    );
    expect(transferViolation({ ...sender, balance: 0 }, recipient, usage, 1)).toBe(
      ErrorCode.INSUFFICIENT_FUNDS,
    );
  });
});

describe('depositViolation', () => {
  it('refuses only a frozen wallet', () => {
    expect(depositViolation(wallet)).toBeNull();
    expect(depositViolation({ ...wallet, frozen: true })).toBe(ErrorCode.WALLET_FROZEN);
  });
});

describe('remainingToday', () => {
  it('never goes below zero', () => {
    expect(remainingToday({ limit: 10_000, used: 2_500 })).toBe(7_500);
    expect(remainingToday({ limit: 5_000, used: 10_000 })).toBe(0);
  });
});
