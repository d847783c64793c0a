/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/bench/'],
  testTimeout: 30000,
  // Three on two cores: most suites wait on servers and timers more than they compute.
  maxWorkers: 3,
  testSequencer: '<rootDir>/test/support/longSuitesFirst.js',
  reporters: ['default', '<rootDir>/test/support/servicesReporter.js'],
};
