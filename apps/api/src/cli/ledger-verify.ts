import 'reflect-metadata';
import { configFromProcessEnv } from '@wallet/config';
import { databaseOptions, verifyLedger } from '@wallet/database';
import { formatCents } from '@wallet/shared';
import { DataSource } from 'typeorm';
import { runCli } from './run-cli';

/** `npm run ledger:verify`: checks the ledger invariants of docs/design.md §2; exits 1 on any break. */
runCli(async () => {
  const dataSource = await new DataSource(
    databaseOptions(configFromProcessEnv(), 'wallet-ledger-verify'),
  ).initialize();
  try {
    const report = await verifyLedger((sql) => dataSource.query(sql));
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
    await dataSource.destroy();
  }
});
