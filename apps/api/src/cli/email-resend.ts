import 'reflect-metadata';
import { configFromProcessEnv } from '@wallet/config';
import { RESEND_EMAILS, rowsOf } from '@wallet/database';
import { Pool } from 'pg';
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
  const pool = new Pool({
    connectionString: configFromProcessEnv().databaseUrl,
    application_name: 'wallet-email-resend',
    max: 1,
  });
  try {
    const resent = await rowsOf(pool, RESEND_EMAILS, [null, args.includes('--abandoned')]);
    for (const email of resent) console.log(`${email.id} → ${email.recipient}`);
    console.log(`${resent.length} undelivered email(s) handed back to the worker.`);
    return 0;
  } finally {
    await pool.end();
  }
});
