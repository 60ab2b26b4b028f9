import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = ['drizzle-orm', 'drizzle-orm/*', 'fastify', 'fastify/*', '@fastify/*', 'bullmq', 'ioredis', 'postgres', '@electric-sql/*', 'pino',
  '@shopify/*', 'node:fs', 'node:fs/*', 'node:http', 'node:https', 'node:net', 'node:child_process', 'fs', 'http', 'https', 'net', 'child_process', 'undici'];
/** `../x`, `../../x`…: the app's own module `x` at core/, seen from anywhere below core/domain */
const upward = (file) => ['../', '../../', '../../../'].map((p) => `${p}${file}`);
const simPatterns = ['**/sim', '**/sim/**', '../sim/**', '../../sim/**', '../../../sim/**', '../../../../sim/**'];

// The layer rules of ARCHITECTURE.md ("Dependencies point one way"). A file gets one list per
// layer: ESLint applies only the last no-restricted-imports that matches a file, so each block
// below carries everything its layer may not import.
const noSim = { group: simPatterns, message: 'sim/ is reached over the network, never imported by the app' };
const noTransport = { group: ['**/server/**', '**/workers/**', 'fastify', '@fastify/*'], message: 'core does not depend on the transport rings' };
const noSchema = (who) => ({ group: ['**/drizzle/schema', '**/drizzle/schema/**'], message: `${who} do not see tables: go through a repository in core/db` });
const noOrm = (who) => ({ group: ['drizzle-orm', 'drizzle-orm/*'], message: `${who} do not query the database: call a use case (queries live in core/db)` });
const testFiles = ['**/*.test.ts', '**/*.test.tsx'];
const layer = (files, patterns, ignores = testFiles) => ({ files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } });
/**
 * sim/ has folders of its own named like the app's (sim/shopify/core), so the app is told apart
 * by how many `../` reach the repository root from the file's folder depth.
 */
const simLayers = [1, 2, 3, 4, 5, 6].map((depth) => {
  const root = '../'.repeat(depth);
  return layer([`sim/${'*/'.repeat(depth - 1)}*.ts`], [{
    group: ['core', 'server', 'workers', 'drizzle'].flatMap((dir) => [`${root}${dir}`, `${root}${dir}/**`]),
    message: 'sim/ stands for the outside world: it reaches the app over the network only, never by import',
  }]);
});

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
  // The app never imports the simulators: it reaches them over the network only.
  layer(['core/**/*.ts', 'server/**/*.ts', 'workers/**/*.ts', 'web/**/*.{ts,tsx}'], [noSim], []),
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
  // core below the domain never depends on the transport
  layer(['core/**/*.ts'], [noSim, noTransport], ['core/domain/**']),
  // use cases read and write through repositories
  layer(['core/use-cases/**/*.ts'], [noSim, noTransport, noSchema('use cases')]),
  // routes parse, call one use case and map its result
  layer(['server/**/*.ts'], [noSim, noOrm('routes'), noSchema('routes')]),
  // a processor parses its job and calls a use case
  layer(['workers/**/*.ts'], [noSim, { group: ['**/core/db', '**/core/db/**'], message: 'workers call use cases; the database is reached through them' }]),
  // the browser sees the app through HTTP and core/contracts only
  layer(['web/**/*.{ts,tsx}'], [noSim, noOrm('the admin app'), {
    group: ['**/core/db', '**/core/db/**', '**/core/use-cases', '**/core/use-cases/**', '**/drizzle', '**/drizzle/**'],
    message: 'web/ sees the app through HTTP and core/contracts only',
  }]),
  {
    // work is queued through the named producers of core/queue/producers.ts, whose job ids come from jobIds
    files: ['core/**/*.ts', 'server/**/*.ts', 'workers/**/*.ts'],
    ignores: ['core/queue/**', 'core/domain/**', ...testFiles],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name=/^(add|addBulk)$/][callee.object.property.name='queues'], CallExpression[callee.property.name=/^(add|addBulk)$/][callee.object.name='queues']",
        message: 'queue work through a named producer in core/queue/producers.ts (its id from jobIds)',
      }],
    },
  },
  ...simLayers,
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
