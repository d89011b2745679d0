// ESLint flat config. Correctness rules only: formatting is Prettier's job (`npm run format:check`) and
// module boundaries are dependency-cruiser's (`.dependency-cruiser.cjs`); `npm run lint` runs all three.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'clients/typescript/dist/**',
      'clients/typescript/src/schema.d.ts',
      'node_modules/**',
      'coverage/**',
      'seed/**',
      'reference-data/**',
      'validation/**',
      'src/**/*.data.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      'no-var': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Nest's DTOs and TypeORM entities use empty classes and `!` on injected fields by design.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `any` is allowed where a library's types force it; each use is reviewed rather than banned.
      '@typescript-eslint/no-explicit-any': 'off',
      // co2.js's data entry is CommonJS behind an `exports` map TypeScript's node16 resolution cannot type, and
      // jest.config.js is CommonJS: those two are required; everything else is imported.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^@tgwf/co2/data$', 'jest\\.config\\.js$'] }],
    },
  },
  {
    // Type-aware rules for the service: a promise nobody awaits is how a request loses a run.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
