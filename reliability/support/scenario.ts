import { closeDb } from './db';
import type { ScenarioReport } from './figures';
import { type ApiProcess, stopAll } from './processes';

/**
 * Settings for an API under a load run: no daily caps on transfers and withdrawals (a run's
 * clients move far more than a person does) and no idle sign-out (a client may wait out a fault).
 */
export const LOAD_RUN_ENV = {
  DAILY_TRANSFER_LIMIT: '100000000000',
  DAILY_WITHDRAW_LIMIT: '100000000000',
  SESSION_IDLE_TIMEOUT_SECONDS: '600',
};

/**
 * The end of a scenario, passed or failed: its figures saved for RESULTS.md, the clients' sockets
 * closed, no process left running, then `alsoStop` (a scenario's own servers), then the pool.
 */
export async function endScenario(
  reports: ScenarioReport[],
  apis: ReadonlyArray<ApiProcess | undefined>,
  alsoStop: () => Promise<void> = async () => undefined,
): Promise<void> {
  for (const report of reports) report.save();
  for (const api of apis) api?.http.close();
  await stopAll();
  await alsoStop();
  await closeDb();
}
