import 'reflect-metadata';
import { configFromProcessEnv } from '@wallet/config';
import { verifyLedger } from '@wallet/database';
import { formatCents } from '@wallet/shared';
import { Pool } from 'pg';
import { runCli } from './run-cli';

/** `npm run ledger:verify`: checks the ledger invariants of docs/design.md §2; exits 1 on any break. */
runCli(async () => {
  const pool = new Pool({
    connectionString: configFromProcessEnv().databaseUrl,
    application_name: 'wallet-ledger-verify',
    max: 1,
  });
  try {
    const report = await verifyLedger(pool);
    console.log(
      `${report.wallets} wallets, ${report.transactions} ledger rows; balances ${formatCents(report.totalBalance)} = ` +
        `deposits ${formatCents(report.totalDeposits)} − withdrawals ${formatCents(report.totalWithdrawals)}`,
    );
    if (report.problems.length === 0) {
      console.log('Ledger OK: every invariant holds.');
      return 0;
    }
    console.error(`Ledger BROKEN (${report.problems.length}):\n  ${report.problems.join('\n  ')}`);
    return 1;
  } finally {
    await pool.end();
  }
});
