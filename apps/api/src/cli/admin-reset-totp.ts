import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configFromProcessEnv } from '@wallet/config';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module';
import { normalizeEmail } from '../common/http/field-transforms';
import { TotpService } from '../totp/totp.service';
import { UsersRepository } from '../users/users.repository';
import { runCli } from './run-cli';

const USAGE = 'Usage: npm run admin:reset-totp -- --email admin@example.com';

/**
 * `npm run admin:reset-totp`: removes an admin's second factor when no other admin can (the only
 * admin lost their device, docs/design.md §15). Whoever runs it already holds the servers; the admin then
 * signs in with the password alone and enrols again.
 */
runCli(async () => {
  const { values } = parseArgs({ options: { email: { type: 'string' } } });
  if (!values.email) {
    console.error(USAGE);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(configFromProcessEnv()), {
    logger: ['error'],
  });
  try {
    const user = await app.get(UsersRepository).findByEmailForLogin(normalizeEmail(values.email));
    if (!user) {
      console.error(`No admin ${values.email}.`);
      return 1;
    }
    const removed = await app.get(TotpService).reset(null, user.id);
    console.log(
      removed
        ? `The second factor of ${user.email} is reset: they sign in with the password and enrol again.`
        : `${user.email} had no second factor.`,
    );
  } finally {
    await app.close();
  }
});
