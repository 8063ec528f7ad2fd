// Bundles each entry point into one ESM file: fast start-up (no module resolution across
// hundreds of files, no tsx) and, for the CLI, one file with no native modules.
import { build } from 'esbuild';

const banner = {
  // Lets bundled CommonJS dependencies call require().
  js: "import { createRequire as __kctlCreateRequire } from 'node:module'; const require = __kctlCreateRequire(import.meta.url);",
};

const entries = [
  { in: 'packages/cli/src/main.ts', out: 'packages/cli/dist/kctl.mjs', external: [] },
  { in: 'packages/apiserver/src/main.ts', out: 'packages/apiserver/dist/kctl-apiserver.mjs', external: ['level', 'classic-level'] },
];

await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: e.out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['kctl-source'],
      external: e.external,
      banner,
      sourcemap: 'linked',
      logLevel: 'warning',
    }),
  ),
);
