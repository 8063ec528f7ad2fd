import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['kctl-source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'e2e',
    include: ['cases/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
