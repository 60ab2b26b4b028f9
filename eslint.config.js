import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = ['drizzle-orm', 'drizzle-orm/*', 'fastify', 'fastify/*', '@fastify/*', 'bullmq', 'ioredis', 'postgres', '@electric-sql/*', 'pino',
  '@shopify/*', 'node:fs', 'node:fs/*', 'node:http', 'node:https', 'node:net', 'node:child_process', 'fs', 'http', 'https', 'net', 'child_process', 'undici'];
/** `../x`, `../../x`…: the app's own module `x` at core/, seen from anywhere below core/domain */
const upward = (file) => ['../', '../../', '../../../'].map((p) => `${p}${file}`);
const simPatterns = ['**/sim', '**/sim/**', '../sim/**', '../../sim/**', '../../../sim/**', '../../../../sim/**'];

export default tseslint.config(
  { ignores: ['**/*.mjs', '**/*.cjs', '.tmp*', 'node_modules/**', 'web/dist/**', '.data/**', 'drizzle/migrations/**', 'test/browser/screenshots/**', 'extensions/*/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The app never imports the simulators: it reaches them over the network only.
    files: ['core/**/*.ts', 'server/**/*.ts', 'workers/**/*.ts', 'web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: simPatterns, message: 'sim/ is reached over the network, never imported by the app' }] }],
    },
  },
  {
    // core/domain is pure: no I/O, no clock, no randomness; those come in as arguments.
    files: ['core/domain/**/*.ts'],
    ignores: ['core/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ioModules, message: 'core/domain stays free of I/O; do this in a use case' },
          { group: ['**/db/**', '**/queue/**', '**/integrations/**', '**/use-cases/**', ...upward('context.js'), ...upward('config.js'), ...upward('logger.js'), ...simPatterns], message: 'core/domain depends on nothing outside itself' },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'pass the clock in as an argument' },
        { object: 'Math', property: 'random', message: 'pass randomness in as an argument' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'pass the clock in as an argument' }],
    },
  },
  {
    // use cases call repositories and integrations, never the transport
    files: ['core/**/*.ts'],
    ignores: ['core/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: simPatterns, message: 'sim/ is reached over the network, never imported by the app' },
        { group: ['**/server/**', '**/workers/**', 'fastify', '@fastify/*'], message: 'core does not depend on the transport rings' },
      ] }],
    },
  },
  {
    // extensions see the app only over HTTP and through core/contracts, like web/
    files: ['extensions/**/*.{ts,tsx}', 'extensions-kit/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+(core/(?!contracts/)|server/|workers/|drizzle/|web/|sim/)', message: 'extensions/ may import only core/contracts from the app' }] }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'sim/**/*.ts', 'demo/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
