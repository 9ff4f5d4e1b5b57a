// ESLint flat config: type-aware rules everywhere, and workflow code kept free of Node built-ins
// (the Temporal bundler refuses some of them, not all; determinism needs all of them out).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', '.tools/**', 'node_modules/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
          patterns: ['**/activities/**', '**/db/**', '**/server/**'],
        },
      ],
    },
  },
  {
    // Knex rows are `any` by design; the code that reads them (database, activities, HTTP, tests)
    // narrows them where it matters. Pure code (workflows/, lib/) keeps the no-unsafe-* rules.
    files: [
      'db/**/*.ts',
      'activities/**/*.ts',
      'server/**/*.ts',
      'test/**/*.ts',
      'bin/**/*.ts',
      'bench/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // chai's property assertions (`expect(x).to.be.true`) read as unused expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // The pages' one script runs in the browser.
    files: ['templates/static/**/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', HTMLFormElement: 'readonly' } },
  },
);
