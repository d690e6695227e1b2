import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'e2e/artifacts/**', 'server/src/db/migrations/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // One module per side touches socket.io, one touches simple-peer, one chart.js (docs/architecture.md).
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/lib/socket.ts', 'client/src/features/video/peer.ts', 'client/src/features/reports/chartjs.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'socket.io-client', message: 'Only client/src/lib/socket.ts talks to socket.io.' },
            { name: 'simple-peer', message: 'Only client/src/features/video/peer.ts uses simple-peer.' },
            { name: 'chart.js', message: 'Only client/src/features/reports/chartjs.ts imports chart.js (DayCharts loads it with import()).' },
          ],
          patterns: ['simple-peer/*', 'chart.js/*'],
        },
      ],
    },
  },
  // One folder touches socket.io (signalling/), one module opens Redis (cluster/index.ts): docs/architecture.md.
  ...serverImports(['server/src/**/*.ts'], ['server/src/signalling/**', 'server/src/cluster/index.ts'], ['socket.io', 'adapter', 'redis']),
  ...serverImports(['server/src/signalling/**/*.ts'], [], ['redis']),
  ...serverImports(['server/src/cluster/index.ts'], [], ['socket.io', 'adapter']),
);

/** No-restricted-imports for server files: each kind of library is the business of one place. */
function serverImports(files, ignores, kinds) {
  const paths = {
    'socket.io': [{ name: 'socket.io', message: 'Only server/src/signalling touches socket.io.' }],
    adapter: [{ name: '@socket.io/redis-streams-adapter', message: 'Only server/src/signalling/cluster.ts joins the nodes.' }],
    redis: [
      { name: 'redis', message: 'Only server/src/cluster/index.ts opens Redis connections.' },
      { name: 'rate-limit-redis', message: 'Only server/src/cluster/index.ts makes Redis stores.' },
    ],
  };
  return [{ files, ignores, rules: { 'no-restricted-imports': ['error', { paths: kinds.flatMap((kind) => paths[kind]) }] } }];
}
