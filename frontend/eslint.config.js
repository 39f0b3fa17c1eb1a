// ESLint (flat config): TypeScript, React hooks, and the rule that features never import each other.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// A feature reaches shared code through @/lib only; another feature or an app is off limits.
const featureBoundaries = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['@/features/*', '@/features/**'],
          message: 'Features do not import each other: compose them in src/apps/.',
        },
        { group: ['@/apps/*', '@/apps/**', '@/shell/*'], message: 'Features do not import apps.' },
        {
          group: ['../../*', '../../**'],
          message: 'Leave the feature by @/lib, not by a relative path.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/lib/api/schema.d.ts', 'e2e/out'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['src/features/**/*.{ts,tsx}'], rules: featureBoundaries },
  {
    // lib is shared by everything and so depends on nothing above it.
    files: ['src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/features/*', '@/apps/*', '@/shell/*'],
              message: 'lib imports no feature or app.',
            },
          ],
        },
      ],
    },
  },
  { files: ['src/**/*.test.ts', 'src/test/**'], languageOptions: { globals: globals.node } },
  {
    files: ['sw/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'script', globals: globals.serviceworker },
  },
  {
    // page.evaluate() bodies run in the browser
    files: ['e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['scripts/**/*.mjs', 'e2e/**/*.mjs', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
  },
);
