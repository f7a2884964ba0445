// The reliability suite: real API processes from `dist`, faults, attacks and fuzzing.
// It reuses the e2e project's transform and module mapping, but runs on its own (`npm run
// test:reliability`) and one scenario at a time: each scenario loads this 2-core machine itself,
// and the fault injections (kill -9, pg_terminate_backend) must not hit another scenario's run.
const root = require('../jest.config.js');

const e2e = root.projects.find((project) => project.displayName === 'e2e');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  displayName: 'reliability',
  transform: e2e.transform,
  transformIgnorePatterns: e2e.transformIgnorePatterns,
  moduleNameMapper: e2e.moduleNameMapper,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/reliability/**/*.rel-spec.ts'],
  globalSetup: '<rootDir>/reliability/support/global-setup.ts',
  globalTeardown: '<rootDir>/reliability/support/global-teardown.ts',
  testSequencer: '<rootDir>/reliability/support/sequencer.js',
  maxWorkers: 1,
  testTimeout: 180_000,
  slowTestThreshold: 120,
};
