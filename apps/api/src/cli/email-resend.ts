import 'reflect-metadata';
import { configFromProcessEnv } from '@wallet/config';
import { databaseOptions, resendEmails } from '@wallet/database';
import { DataSource } from 'typeorm';
import { runCli } from './run-cli';

/**
 * `npm run email:resend [-- --abandoned]`: hands every pending email (docs/design.md §6) back to the
 * worker, due now with a fresh backoff; with `--abandoned`, abandoned ones too. The worker's
 * re-enqueue pass sends them within `EMAIL_REQUEUE_INTERVAL_MS`; sent emails are never sent again.
 */
runCli(async () => {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--abandoned');
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown.join(' ')}. Usage: npm run email:resend [-- --abandoned]`);
    return 2;
  }
  const dataSource = await new DataSource(
    databaseOptions(configFromProcessEnv(), 'wallet-email-resend'),
  ).initialize();
  try {
    const resent = await resendEmails(
      // TypeORM answers an UPDATE with [rows, count].
      async <Row>(text: string, params: unknown[]) =>
        (await dataSource.query<[Row[], number]>(text, params))[0],
      { includeAbandoned: args.includes('--abandoned') },
    );
    for (const email of resent) console.log(`${email.id} → ${email.recipient}`);
    console.log(`${resent.length} undelivered email(s) handed back to the worker.`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
});
