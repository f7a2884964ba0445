// Jest's global setup and teardown run outside its module mapping; this maps the path aliases
// for them. Imported first, before anything that uses an alias.
import { join } from 'node:path';
import { register } from 'tsconfig-paths';

register({
  baseUrl: join(__dirname, '../../..'),
  paths: {
    '@wallet/config': ['libs/config/src'],
    '@wallet/shared': ['libs/shared/src'],
    '@wallet/database': ['libs/database/src'],
    '@wallet/messaging': ['libs/messaging/src'],
    '@wallet/testing/*': ['libs/testing/src/*'],
  },
});
