import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'dist/', 'node_modules/', 'out/', '.cache/', 'test-output/', 'embedprof-out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@actions/*'], message: 'Only src/faces/action/ may import @actions/*.' }] },
      ],
    },
  },
  {
    // The action adapter, and the tests that drive the loopback servers with the real @actions/* clients.
    files: ['src/faces/action/**/*.ts', 'test/helpers/*-server.test.ts', 'test/faces/action/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The pure modules compute on values; .dependency-cruiser.cjs forbids their node:fs/child_process/process
    // imports, this the global the cruiser cannot see.
    files: [
      'src/ground/{stats,schema}/**/*.ts',
      'src/decide/compare/**/*.ts',
      'src/measure/analysis/**/*.ts',
      'src/report/**/*.ts',
    ],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Pure modules take what they need from process as arguments.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
);
