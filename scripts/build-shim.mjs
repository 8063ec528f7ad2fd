// Compiles the kubelet's per-container shim (packages/kubelet/native/*.c) into
// packages/kubelet/dist/kctl-shim. It is native because it runs once per container: a Node
// shim would cost ~40 MB and ~50 ms each. Skips the compile when the binary is newer than every
// source (tests call this before using the shim); fails loudly when gcc does.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'packages/kubelet/native');
const output = join(root, 'packages/kubelet/dist/kctl-shim');

const files = readdirSync(sourceDir).filter((f) => f.endsWith('.c') || f.endsWith('.h'));
const sources = files.filter((f) => f.endsWith('.c')).map((f) => join(sourceDir, f));
const newestSource = Math.max(...files.map((f) => statSync(join(sourceDir, f)).mtimeMs));
const builtAt = (() => {
  try {
    return statSync(output).mtimeMs;
  } catch {
    return -1;
  }
})();

if (process.argv.includes('--force') || builtAt < newestSource) {
  mkdirSync(dirname(output), { recursive: true });
  // Build under a unique name and rename: parallel test workers may build at the same time, and
  // a running shim keeps its old inode either way.
  const temporary = `${output}.${process.pid}.tmp`;
  try {
    execFileSync('gcc', ['-O2', '-Wall', '-Wextra', '-o', temporary, ...sources, '-lutil'], {
      stdio: 'inherit',
    });
  } catch (error) {
    console.error(`build-shim: gcc failed to build ${output}`);
    throw error;
  }
  renameSync(temporary, output);
}
