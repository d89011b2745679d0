/** Two projects: fast unit tests (pure code, no database) and end-to-end tests over a real PostgreSQL. */
// Some dependencies ship ES modules only (content-disposition 2, under @fastify/static); Node 20 can
// require() them but Jest cannot, so they are compiled to CommonJS like our own code.
const esmOnly = ['content-disposition'];
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnly.join('|')})/)`];
const transform = {
  '^.+\\.(t|j)s$': [
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
module.exports = {
  // Jest reads testTimeout from the top level only (a project's own value is ignored); the e2e suites boot
  // the app and a database per file, which takes more than the 5 s default on a loaded machine.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/clients/*/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
