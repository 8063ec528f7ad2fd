// `kctl get pods` through the installed bin beside the real kubectl on the same server, and
// `kctl cluster up --detach` to a ready API.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KCTL_BIN, percentile, ms } from './support.mjs';

function timeRuns(command, args, env, runs) {
  const times = [];
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
    const elapsed = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
    if (i >= 3) times.push(elapsed); // three warm-up runs, as hyperfine does
  }
  return { meanMs: ms(times.reduce((a, b) => a + b, 0) / times.length), p50Ms: ms(percentile(times, 50)), minMs: ms(Math.min(...times)) };
}

export function cliGetPods(kubeconfig, { runs = 20 } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'kctl-bench-home-'));
  const env = { KUBECONFIG: kubeconfig, HOME: home };
  const result = {
    kctl: timeRuns(process.execPath, [KCTL_BIN, 'get', 'pods'], env, runs),
    nodeFloor: timeRuns(process.execPath, ['-e', '0'], env, runs),
    ...(existsSync('/usr/bin/kubectl') ? { kubectl: timeRuns('/usr/bin/kubectl', ['get', 'pods'], env, runs) } : {}),
  };
  rmSync(home, { recursive: true, force: true });
  return result;
}

export function clusterUp({ runs = 5 } = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'kctl-bench-up-'));
    const t0 = performance.now();
    const up = spawnSync(process.execPath, [KCTL_BIN, 'cluster', 'up', '--data-dir', dir, '--port', '0', '--detach'], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    spawnSync(process.execPath, [KCTL_BIN, 'cluster', 'down', '--data-dir', dir], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    if (up.status !== 0) throw new Error(`cluster up failed: ${up.stderr}`);
  }
  return { runs, meanMs: ms(times.reduce((a, b) => a + b, 0) / times.length), p50Ms: ms(percentile(times, 50)), maxMs: ms(Math.max(...times)) };
}
