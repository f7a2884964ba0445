import { OutageLog, type OutageLogOptions } from './outage-log';

describe('OutageLog', () => {
  function setUp(options: OutageLogOptions = {}) {
    let now = 0;
    const lines: string[] = [];
    const logger = {
      warn: (m: string) => lines.push(`warn ${m}`),
      log: (m: string) => lines.push(`log ${m}`),
    };
    const outage = new OutageLog(logger, 'Redis', { now: () => now, ...options });
    return { outage, lines, advance: (ms: number) => (now += ms) };
  }

  it('warns once when an outage starts, reminds each minute, and says when it ends', () => {
    const { outage, lines, advance } = setUp();
    outage.succeeded();
    expect(lines).toEqual([]);

    for (let second = 0; second < 130; second++) {
      outage.failed(new Error('connect ECONNREFUSED'));
      advance(1_000);
    }
    expect(outage.isDown).toBe(true);
    outage.succeeded();
    outage.succeeded();

    expect(lines).toEqual([
      'warn Redis unavailable (connect ECONNREFUSED); retrying',
      'warn Redis still unavailable after 60 s (connect ECONNREFUSED)',
      'warn Redis still unavailable after 120 s (connect ECONNREFUSED)',
      'log Redis available again after 130 s',
    ]);
    expect(outage.isDown).toBe(false);
  });

  it('starts a new outage after a recovery', () => {
    const { outage, lines, advance } = setUp();
    outage.failed('timeout');
    advance(5_000);
    outage.succeeded();
    outage.failed('timeout');
    expect(lines).toEqual([
      'warn Redis unavailable (timeout); retrying',
      'log Redis available again after 5 s',
      'warn Redis unavailable (timeout); retrying',
    ]);
  });

  it('stays quiet about failures shorter than the grace period', () => {
    const { outage, lines, advance } = setUp({ graceMs: 3_000 });
    outage.failed('connecting');
    advance(2_000);
    outage.failed('connecting');
    outage.succeeded();
    expect(lines).toEqual([]);

    outage.failed('refused');
    advance(3_000);
    outage.failed('refused');
    advance(1_000);
    outage.succeeded();
    expect(lines).toEqual([
      'warn Redis unavailable (refused); retrying',
      'log Redis available again after 4 s',
    ]);
  });
});
