import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-static/**',
      '**/node_modules/**',
      '**/.inflow-data/**',
      'docs/.vitepress/cache/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // Files with one job (docs/contributing.md): a file over 300 lines states why in a header
      // comment, `/* eslint-disable max-lines -- <reason> */`.
      'max-lines': ['error', { max: 300 }],
    },
  },
);
