import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configFromProcessEnv } from '@wallet/config';
import { Role } from '@wallet/shared';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module';
import { AuthService } from '../auth/auth.service';
import { RegisterRequestDto } from '../auth/dto/auth-request.dto';
import { toFieldErrors } from '../common/http/validation';
import { runCli } from './run-cli';

const USAGE =
  'Usage: npm run admin:create -- --email admin@example.com --name "Ada Admin" --password <8+ chars>';

/** `npm run admin:create`: makes an admin from the command line (docs/design.md §4), with the same rules as the API. */
runCli(async () => {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  });
  const request = plainToInstance(RegisterRequestDto, {
    email: values.email,
    name: values.name ?? 'Administrator',
    password: values.password,
  });
  const problems = toFieldErrors(await validate(request));
  if (problems.length > 0) {
    console.error(`${problems.map((p) => `${p.field}: ${p.messages.join(', ')}`).join('\n')}\n${USAGE}`);
    return 2;
  }

  const app = await NestFactory.createApplicationContext(AppModule.forRoot(configFromProcessEnv()), {
    logger: ['error'],
  });
  try {
    const admin = await app.get(AuthService).register(request, Role.ADMIN);
    console.log(`Created admin ${admin.email} (${admin.id}).`);
  } finally {
    await app.close();
  }
});
