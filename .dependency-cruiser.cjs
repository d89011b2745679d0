/**
 * Module boundaries the build enforces (`npm run lint`). The rules say in code what docs/architecture.md
 * says in prose:
 * - src/estimation is the method: pure TypeScript with no framework, database or transport, so the same
 *   functions answer REST, GraphQL, jobs, the validation scripts and the benches;
 * - src/common is shared plumbing and knows no feature module;
 * - a module's tables are its own: no other module reaches into its entities/ or repositories (only the
 *   database wiring that registers every module's entities and migrations, and the seeds, may);
 * - no import cycles.
 * Tests may import anything.
 */
const FEATURES = '(api-docs|auth|catalog|data-versions|estimates|explorer|grid|health|jobs|metrics|model-catalog|runs|schedules)';
// Resolved paths of the framework, database and transport packages (dependency-cruiser matches the file a
// package resolves to, e.g. node_modules/@nestjs/common/index.js).
const FRAMEWORK =
  '(^|/)node_modules/(@nestjs|typeorm|pg|pg-boss|fastify|@fastify|graphql|@apollo|class-validator|class-transformer|pino|prom-client|@electric-sql)/';

module.exports = {
  forbidden: [
    {
      name: 'estimation-is-pure',
      comment: 'The estimation math takes plain data and returns plain data: no framework, database or transport.',
      severity: 'error',
      from: { path: '^src/estimation/', pathNot: '\\.spec\\.ts$|/__tests__/' },
      to: { path: FRAMEWORK },
    },
    {
      name: 'estimation-imports-no-feature-module',
      comment: 'Feature modules call the estimation; the estimation never calls them back.',
      severity: 'error',
      from: { path: '^src/estimation/' },
      // the one shared import: CodedError, the framework-free base of every module's error
      to: { path: `^src/(${FEATURES.slice(1, -1)}|common|database)/`, pathNot: '^src/common/errors/coded-error\\.ts$' },
    },
    {
      name: 'common-imports-no-feature-module',
      comment: 'src/common is shared by every module, so it depends on none of them.',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: `^src/${FEATURES}/` },
    },
    {
      name: 'no-foreign-entities',
      comment:
        "A module's entities and repositories are private: other modules go through its service. " +
        'Only the database wiring (src/database) registers them all.',
      severity: 'error',
      from: { path: `^src/${FEATURES}/`, pathNot: '\\.spec\\.ts$' },
      to: { path: `^src/${FEATURES}/(entities|repositories)/`, pathNot: '^src/$1/' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make start-up order and module boundaries depend on luck.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-reading-shared',
      comment: 'The repository stands alone: nothing imports from a sibling checkout.',
      severity: 'error',
      from: {},
      to: { path: '^\\.\\./shared/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
