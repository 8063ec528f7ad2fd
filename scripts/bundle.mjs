// Bundles each entry point into one ESM file: fast start-up (no module resolution across
// hundreds of files, no tsx) and, for the CLI, one file with no native modules.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const banner = {
  // Lets bundled CommonJS dependencies call require().
  js: "import { createRequire as __kctlCreateRequire } from 'node:module'; const require = __kctlCreateRequire(import.meta.url);",
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['kctl-source'],
  banner,
  sourcemap: 'linked',
  logLevel: 'warning',
};

// The CLI is split: the entry holds commander and the verb table, each verb is its own chunk
// loaded on demand (kctl/dist/kctl.mjs + dist/chunks/*). Still no native modules.
// Chunk names carry content hashes: drop the previous build's so stale ones never linger.
rmSync('packages/cli/dist/chunks', { recursive: true, force: true });

const cli = build({
  ...common,
  entryPoints: { kctl: 'packages/cli/src/main.ts' },
  outdir: 'packages/cli/dist',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});

const entries = [
  { in: 'packages/apiserver/src/main.ts', out: 'packages/apiserver/dist/kctl-apiserver.mjs', external: ['level', 'classic-level'] },
  { in: 'packages/kubelet/src/main.ts', out: 'packages/kubelet/dist/kctl-kubelet.mjs', external: [] },
  { in: 'packages/scheduler/src/main.ts', out: 'packages/scheduler/dist/kctl-scheduler.mjs', external: [] },
  { in: 'packages/controller-manager/src/main.ts', out: 'packages/controller-manager/dist/kctl-controller-manager.mjs', external: [] },
  { in: 'packages/proxy/src/main.ts', out: 'packages/proxy/dist/kctl-proxy.mjs', external: [] },
];

await Promise.all([
  cli,
  ...entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: e.out,
      ...common,
      external: e.external,
    }),
  ),
]);
