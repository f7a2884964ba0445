const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

// Nest 12 and many other dependencies ship only ES modules, which Jest's module loader can
// require() itself only on Node 24.9+, and Node 22 is supported too. SWC compiles every package
// marked "type": "module" (its .js and .mjs files, e.g. Angular's signals for the console's unit
// tests) to CommonJS along with our TypeScript; Jest caches the result.
function esmPackages(nodeModules) {
  if (!existsSync(nodeModules)) return [];
  const names = readdirSync(nodeModules).flatMap((name) =>
    name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((sub) => `${name}/${sub}`) : [name],
  );
  return names.flatMap((name) => {
    const nested = esmPackages(join(nodeModules, name, 'node_modules'));
    try {
      const { type } = JSON.parse(readFileSync(join(nodeModules, name, 'package.json'), 'utf8'));
      return type === 'module' ? [name, ...nested] : nested;
    } catch {
      return nested;
    }
  });
}
const ESM_PACKAGES = [...new Set(esmPackages(join(__dirname, 'node_modules')))].map((name) =>
  name.replace(/[.+]/g, '\\$&'),
);

const transform = {
  '^.+\\.(t|j|mj)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

const shared = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    '^@wallet/(shared|config|database|messaging)$': '<rootDir>/libs/$1/src',
    '^@wallet/sdk$': '<rootDir>/libs/sdk/src',
    // The test support every suite shares, one module per import (no index, so a suite loads only
    // what it uses: the reliability scenarios never load the API in-process).
    '^@wallet/testing/(.+)$': '<rootDir>/libs/testing/src/$1',
  },
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/libs/*/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts', '<rootDir>/apps/console/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      slowTestThreshold: 20,
    },
    {
      // The SDK's and the money endpoints' e2e traffic again, every exchange passing through
      // Prism (`prism proxy openapi.json`): a response or an accepted request that disagrees with
      // the spec fails the file (libs/testing/src/contract.ts).
      ...shared,
      displayName: 'contract',
      testMatch: [
        '<rootDir>/apps/api/test/contract.contract-spec.ts',
        ...['sdk', 'wallet', 'money-rules', 'admin', 'idempotency', 'approvals', 'admin-totp'].map(
          (name) => `<rootDir>/apps/api/test/${name}.e2e-spec.ts`,
        ),
      ],
      // Per test file, unlike an environment variable, which would outlive the file in its worker.
      globals: { __CONTRACT__: true },
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      slowTestThreshold: 20,
    },
  ],
};
