import { IdleTimer } from './idle-timer';

describe('IdleTimer', () => {
  let onIdle: jest.Mock;
  let onRefresh: jest.Mock;
  let timer: IdleTimer;

  /** A refresh that succeeds, reporting the request the way the session does. */
  const succeed = () => {
    timer.requestMade();
    return Promise.resolve();
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    onIdle = jest.fn();
    onRefresh = jest.fn(succeed);
    timer = new IdleTimer({ timeoutSeconds: 30, onIdle, onRefresh });
  });

  afterEach(() => {
    timer.stop();
    jest.useRealTimers();
  });

  it('signs out after the timeout with no activity, once', () => {
    timer.start();
    jest.advanceTimersByTime(29_999);
    expect(onIdle).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(timer.isRunning).toBe(false);
    jest.advanceTimersByTime(120_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(onRefresh).not.toHaveBeenCalled();
  });

  it('restarts the window on activity', () => {
    timer.start();
    jest.advanceTimersByTime(20_000);
    timer.activity();
    jest.advanceTimersByTime(29_000);
    expect(onIdle).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never signs out while the person keeps being active', () => {
    timer.start();
    for (let second = 0; second < 300; second += 10) {
      jest.advanceTimersByTime(10_000);
      timer.activity();
    }
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('does not refresh on activity in the first half of the window', () => {
    timer.start();
    jest.advanceTimersByTime(15_000);
    timer.activity();
    expect(onRefresh).not.toHaveBeenCalled();
  });

  it('refreshes on activity once over half the window has passed since the last request', () => {
    timer.start();
    jest.advanceTimersByTime(15_001);
    timer.activity();
    expect(onRefresh).toHaveBeenCalledTimes(1);
    // The refresh was a request: the next half window starts from it.
    jest.advanceTimersByTime(10_000);
    timer.activity();
    expect(onRefresh).toHaveBeenCalledTimes(1);
  });

  it('counts any authenticated request as keeping the session alive', () => {
    timer.start();
    jest.advanceTimersByTime(14_000);
    timer.requestMade();
    jest.advanceTimersByTime(14_000);
    timer.activity();
    expect(onRefresh).not.toHaveBeenCalled();
  });

  it('refreshes before the server deadline when there was activity early in the window', () => {
    timer.start();
    jest.advanceTimersByTime(10_000);
    timer.activity(); // too early to refresh on its own
    expect(onRefresh).not.toHaveBeenCalled();
    jest.advanceTimersByTime(14_999); // server deadline 30 s, margin 5 s: check at 25 s
    expect(onRefresh).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(onRefresh).toHaveBeenCalledTimes(1);
    // The person still gets a full timeout after their last activity, not after the request.
    jest.advanceTimersByTime(14_999);
    expect(onIdle).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('does not refresh before the deadline when there was no activity since the last request', () => {
    timer.start();
    jest.advanceTimersByTime(29_999);
    expect(onRefresh).not.toHaveBeenCalled();
  });

  it('sends one refresh at a time', async () => {
    let finish!: () => void;
    onRefresh.mockImplementation(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    timer.start();
    jest.advanceTimersByTime(16_000);
    timer.activity();
    timer.activity();
    timer.activity();
    expect(onRefresh).toHaveBeenCalledTimes(1);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    timer.activity(); // the refresh did not report a request, so another one is due
    expect(onRefresh).toHaveBeenCalledTimes(2);
  });

  it('survives a failed refresh and still signs out when idle', async () => {
    onRefresh.mockRejectedValue(new Error('network down'));
    timer.start();
    jest.advanceTimersByTime(16_000);
    timer.activity();
    await Promise.resolve();
    jest.advanceTimersByTime(30_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('applies a new timeout from a refresh', () => {
    timer.start();
    timer.setTimeoutSeconds(10);
    jest.advanceTimersByTime(9_999);
    expect(onIdle).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('does nothing once stopped (sign-out)', () => {
    timer.start();
    timer.stop();
    timer.activity();
    jest.advanceTimersByTime(60_000);
    expect(onIdle).not.toHaveBeenCalled();
    expect(onRefresh).not.toHaveBeenCalled();
  });

  it('refuses a timeout that is not a positive number', () => {
    expect(() => new IdleTimer({ timeoutSeconds: 0, onIdle, onRefresh })).toThrow(RangeError);
    expect(() => timer.setTimeoutSeconds(Number.NaN)).toThrow(RangeError);
  });
});
