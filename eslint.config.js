import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node built-ins, so `packages/core` can import none of them, with or without `node:`. */
import { builtinModules } from 'node:module';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/out/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The queue domain is pure: no I/O, no Electron, no DOM. Time, ids and randomness come in
    // as arguments, so the same rules run in the server, the kiosk and the simulation.
    files: ['packages/core/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...builtinModules.map((name) => ({ name, message: 'packages/core does no I/O.' })),
            { name: 'electron', message: 'packages/core must not depend on Electron.' },
            { name: 'react', message: 'packages/core has no UI.' },
            { name: 'react-dom', message: 'packages/core has no UI.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'packages/core does no I/O.' },
            { group: ['electron/*', 'react-dom/*'], message: 'packages/core has no UI or Electron.' },
            { group: ['@novbe/*', '!@novbe/core'], message: 'packages/core depends on no other package.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'fetch',
          'process',
          'setTimeout',
          'setInterval',
        ].map((name) => ({ name, message: 'packages/core is pure: pass what you need in.' })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'packages/core takes the time as an argument.' },
        { object: 'Math', property: 'random', message: 'packages/core takes randomness as an argument.' },
      ],
    },
  },
);
