// `kctl cluster up --detach` returns with a ready API and a kubeconfig; a killed API server is
// restarted on the same port with its data; `cluster down` stops every process it started.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { kctl } from '../harness/run-cli.js';

const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) {
    await kctl(join(dir, 'kubeconfig'), ['cluster', 'down', '--data-dir', dir]);
    await rm(dir, { recursive: true, force: true });
  }
});

/** Running, not merely a zombie waiting for PID 1 to reap it. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function pidOf(dir: string, component: string): Promise<number> {
  return Number((await readFile(join(dir, 'run', `${component}.pid`), 'utf8')).trim());
}

describe('kctl cluster', () => {
  it('comes up detached, survives an API server crash, and goes down cleanly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kctl-life-'));
    dirs.push(dir);
    const kubeconfig = join(dir, 'kubeconfig');
    const up = await kctl(kubeconfig, ['cluster', 'up', '--data-dir', dir, '--port', '0', '--detach']);
    expect(up.exitCode, up.stderr).toBe(0);
    const cfg = parse(await readFile(kubeconfig, 'utf8')) as { clusters: Array<{ cluster: { server: string } }> };
    const server = cfg.clusters[0]?.cluster.server ?? '';
    expect(server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await kctl(kubeconfig, ['get', 'ns', '-o', 'name'])).stdout.split('\n')).toEqual([
      'namespace/default',
      'namespace/kube-node-lease',
      'namespace/kube-public',
      'namespace/kube-system',
    ]);
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep\ndata:\n  a: b\n';
    expect((await kctl(kubeconfig, ['apply', '-f', '-'], manifest)).stdout).toBe('configmap/keep created');
    expect((await kctl(kubeconfig, ['cluster', 'status', '--data-dir', dir])).exitCode).toBe(0);

    const first = await pidOf(dir, 'apiserver');
    process.kill(first, 'SIGKILL');
    const deadline = Date.now() + 15_000;
    let answered = false;
    while (Date.now() < deadline && !answered) {
      await new Promise((r) => setTimeout(r, 100));
      answered = (await kctl(kubeconfig, ['get', 'cm', 'keep', '-o', 'name'])).stdout === 'configmap/keep';
    }
    expect(answered).toBe(true);
    const second = await pidOf(dir, 'apiserver');
    expect(second).not.toBe(first);

    const supervisor = await pidOf(dir, 'supervisor');
    const down = await kctl(kubeconfig, ['cluster', 'down', '--data-dir', dir]);
    expect(down.exitCode).toBe(0);
    expect(alive(supervisor)).toBe(false);
    expect(alive(second)).toBe(false);
    expect((await kctl(kubeconfig, ['cluster', 'status', '--data-dir', dir])).exitCode).toBe(1);
  });
});
