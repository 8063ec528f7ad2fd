import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['kctl-source', 'module', 'node', 'development|production'] } },
  test: { name: 'proxy', include: ['src/**/*.test.ts'] },
});
