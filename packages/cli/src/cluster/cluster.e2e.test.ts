// End to end: a bundled CLI (esbuild, like the real kctl.mjs) running `cluster up|status|down`
// as real processes, with stand-in components (fixtures/fake-*.mjs): an API server that keeps
// Nodes, a scheduler, and kubelets that register Ready nodes and start a workload process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { readKubeconfigFile } from '@kctl/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runningComponents, runningSupervisorPid } from './cluster-state.js';
import { runDetached } from './detach.js';
import { clusterPaths } from './paths.js';
import type { ClusterPaths } from './paths.js';
import { readPidFile } from './pid-files.js';
import { readKeptPorts } from './ports.js';
import { nodesWithRootDirs } from './node-workloads.js';
import { clusterNodeNames } from './node-names.js';
import { isProcessAlive, waitUntilGone } from './processes.js';
import { probeReady } from './readiness.js';
import { resolveUpOptions } from './up-options.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const fakeApiServer = join(here, 'fixtures', 'fake-apiserver.mjs');
const fakeScheduler = join(here, 'fixtures', 'fake-scheduler.mjs');
const fakeKubelet = join(here, 'fixtures', 'fake-kubelet.mjs');
const fakeControllerManager = join(here, 'fixtures', 'fake-controller-manager.mjs');
const fakeProxy = join(here, 'fixtures', 'fake-proxy.mjs');

let cliDir: string;
let cli: string;
let paths: ClusterPaths;
let userKubeconfig: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  cliDir = mkdtempSync(join(tmpdir(), 'kctl-cli-'));
  cli = join(cliDir, 'kctl-test.mjs');
  await build({
    stdin: {
      contents: `
        import { Command } from 'commander';
        import { registerClusterCommand } from './index.ts';
        const program = new Command('kctl');
        registerClusterCommand(program);
        program.parseAsync(process.argv).catch((err) => {
          process.stderr.write('error: ' + err.message + '\\n');
          process.exitCode = 1;
        });`,
      resolveDir: here,
      sourcefile: 'test-cli.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['kctl-source'],
    outfile: cli,
    logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
});

afterAll(() => {
  rmSync(cliDir, { recursive: true, force: true });
});

beforeEach(() => {
  paths = clusterPaths(mkdtempSync(join(tmpdir(), 'kctl-cluster-')));
  userKubeconfig = join(paths.dataDir, 'user-home-kubeconfig');
  env = {
    ...process.env,
    KCTL_APISERVER_ENTRY: fakeApiServer,
    KCTL_SCHEDULER_ENTRY: fakeScheduler,
    KCTL_KUBELET_ENTRY: fakeKubelet,
    KCTL_CONTROLLER_MANAGER_ENTRY: fakeControllerManager,
    KCTL_PROXY_ENTRY: fakeProxy,
    KUBECONFIG: userKubeconfig,
  };
});

afterEach(async () => {
  // Whatever a failed test left running, stopped by the pids in its run/ directory.
  const pids = [runningSupervisorPid(paths), ...runningComponents(paths).map((c) => c.pid), ...workloadPids()];
  for (const pid of pids) if (pid !== undefined && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(paths.dataDir, { recursive: true, force: true });
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The fake kubelets' workload processes still recorded under nodes/<node>/. */
function workloadPids(): number[] {
  return nodesWithRootDirs(paths).flatMap((node) => {
    const pid = readPidFile(join(paths.nodeRootDir(node), 'workload.pid'));
    return pid === undefined ? [] : [pid];
  });
}

function apiServerPid(): number | undefined {
  return readPidFile(paths.componentPidFile('apiserver'));
}

describe('kctl cluster (bundled CLI, stand-in API server)', () => {
  it('up --detach, status, a restarted API server, a refused second up, down, and up again on the kept port', async () => {
    const started = performance.now();
    const up = await runCli([
      'cluster', 'up', '--detach', '--data-dir', paths.dataDir, '--port', '0', '--nodes', '2', '--kubelet-arg=--backoff-base-ms=100',
    ]);
    const upMs = performance.now() - started;
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const server = /is ready: API server at (http:\/\/127\.0\.0\.1:(\d+))/.exec(up.stdout);
    expect(server).not.toBeNull();
    const [, url, port] = server!;
    console.log(`cluster up --detach took ${upMs.toFixed(0)} ms`);
    expect(upMs).toBeLessThan(5_000);

    expect(up.stdout).toContain(`Kubeconfig: ${paths.kubeconfig}`);
    const nodes = clusterNodeNames(2);
    expect(up.stdout).toContain(`Nodes (Ready): ${nodes.join(', ')}\n`);
    const kept = readKeptPorts(paths.portsFile);
    expect(kept).toEqual({ apiserver: Number(port), [`kubelet-${nodes[0]}`]: expect.any(Number), [`kubelet-${nodes[1]}`]: expect.any(Number) });
    expect(new Set(Object.values(kept)).size).toBe(3);
    const kubeletLog = readFileSync(paths.componentLog(`kubelet-${nodes[1]}`), 'utf8');
    expect(kubeletLog).toContain(`--node-name ${nodes[1]} --port ${kept[`kubelet-${nodes[1]}`]} --root-dir ${paths.nodeRootDir(nodes[1]!)}`);
    expect(kubeletLog).toContain('--backoff-base-ms=100');
    const workloads = workloadPids();
    expect(workloads).toHaveLength(2);
    expect(readKubeconfigFile(paths.kubeconfig).clusters[0]?.cluster.server).toBe(url);
    expect(existsSync(userKubeconfig)).toBe(false); // --data-dir: ~/.kube/config left alone
    expect(await probeReady(url!)).toBe(true);

    const supervisorPid = runningSupervisorPid(paths);
    expect(supervisorPid).toBeDefined();
    const status = await runCli(['cluster', 'status', '--data-dir', paths.dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`supervisor +running \\(pid ${supervisorPid}\\)`));
    expect(status.stdout).toMatch(new RegExp(`apiserver +running \\(pid ${apiServerPid()}\\)`));
    expect(status.stdout).toMatch(new RegExp(`api +${url} ready`));
    expect(status.stdout).toMatch(/scheduler +running \(pid \d+\)/);
    expect(status.stdout).toMatch(/controller-manager +running \(pid \d+\)/);
    for (const node of nodes) expect(status.stdout).toMatch(new RegExp(`node/${node} +Ready`));

    const second = await runCli(['cluster', 'up', '--detach', '--data-dir', paths.dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(`error: cluster already running in ${paths.dataDir} (pid ${supervisorPid})\n`);

    // A crashed API server comes back on the same port.
    const crashedPid = apiServerPid()!;
    process.kill(crashedPid, 'SIGKILL');
    await vi.waitFor(async () => {
      const pid = apiServerPid();
      expect(pid !== undefined && pid !== crashedPid).toBe(true);
      expect(await probeReady(url!)).toBe(true);
    }, { timeout: 5_000, interval: 20 });
    expect(readFileSync(paths.supervisorLog, 'utf8')).toContain(`apiserver (pid ${crashedPid}) exited unexpectedly with signal SIGKILL`);

    const restartedPid = apiServerPid()!;
    const down = await runCli(['cluster', 'down', '--data-dir', paths.dataDir]);
    expect(down.code).toBe(0);
    expect(down.stdout).toBe(`${nodes.map((node) => `Node "${node}": workloads stopped\n`).join('')}Cluster "kctl" stopped\n`);
    for (const pid of workloads) expect(await waitUntilGone(() => isProcessAlive(pid), 2_000)).toBe(true);
    // Both are already gone; init may take a moment to reap them, hence the short wait.
    expect(await waitUntilGone(() => isProcessAlive(supervisorPid!), 2_000)).toBe(true);
    expect(await waitUntilGone(() => isProcessAlive(restartedPid), 2_000)).toBe(true);
    expect(readdirSync(paths.runDir).sort()).toEqual(['network.json', 'ports.json']);
    expect(readFileSync(paths.componentLog('apiserver'), 'utf8')).toContain('"msg":"stopping"');

    const stopped = await runCli(['cluster', 'status', '--data-dir', paths.dataDir]);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/supervisor +stopped/);
    expect(stopped.stdout).toMatch(new RegExp(`api +${url} not answering`));

    const again = await runCli(['cluster', 'up', '--detach', '--data-dir', paths.dataDir, '--nodes', '0', '--no-scheduler']);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('Nodes');
    expect(again.stdout).toContain(`API server at ${url}\n`);
    expect((await runCli(['cluster', 'down', '--data-dir', paths.dataDir])).code).toBe(0);
  });

  it('runs in the foreground, merges the user kubeconfig when asked, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, [cli, 'cluster', 'up', '--data-dir', paths.dataDir, '--merge-kubeconfig', '--name', 'dev'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await vi.waitFor(() => expect(stdout).toContain('Cluster "dev" is ready'), { timeout: 10_000, interval: 20 });

    expect(stdout).toContain(`Context "dev" is set as current-context in ${userKubeconfig}`);
    expect(readKubeconfigFile(userKubeconfig)['current-context']).toBe('dev');
    const apiPid = apiServerPid()!;
    expect(isProcessAlive(apiPid)).toBe(true);

    process.kill(child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('apiserver stopped (code 0)');
    expect(stdout).toMatch(new RegExp(`Node "${clusterNodeNames(1)[0]}": workloads stopped\nCluster "dev" stopped\n$`));
    expect(workloadPids()).toEqual([]);
    expect(isProcessAlive(apiPid)).toBe(false);
    expect(readdirSync(paths.runDir).sort()).toEqual(['network.json', 'ports.json']);
  });

  it('up --detach fails with the logs on screen and leaves nothing running when the API server cannot start', async () => {
    const broken = join(paths.dataDir, 'broken-apiserver.mjs');
    writeFileSync(broken, 'console.error("boom: cannot open the store"); process.exit(1);\n');
    const options = resolveUpOptions({ name: 'kctl', dataDir: paths.dataDir });
    const detached = runDetached(options, {
      print: () => {},
      self: { command: process.execPath, args: [cli] },
      env: { ...env, KCTL_APISERVER_ENTRY: broken },
      readyTimeoutMs: 1_500,
    });
    await expect(detached).rejects.toThrow(/did not start \(timed out\)[\s\S]*boom: cannot open the store/);
    expect(runningSupervisorPid(paths)).toBeUndefined();
    expect(runningComponents(paths)).toEqual([]);
  });

  it('refuses to start at all when a needed bundle is not built, and says how to do without it', async () => {
    // Without the override the package export is looked up from the test bundle's temp dir,
    // where no @kctl package resolves: exactly what a CLI without a kubelet build sees.
    delete env.KCTL_KUBELET_ENTRY;
    const up = await runCli(['cluster', 'up', '--detach', '--data-dir', paths.dataDir, '--nodes', '1']);
    expect(up.code).toBe(1);
    expect(up.stderr).toMatch(/^error: cannot find the kubelet entry @kctl\/kubelet\/main: .*start without it \(--nodes 0\)\n$/);
    expect(existsSync(paths.supervisorLog)).toBe(false); // nothing was started
  });

  it('up --detach names the node that never became Ready, shows its log, and leaves nothing running', async () => {
    const silentKubelet = join(paths.dataDir, 'silent-kubelet.mjs');
    writeFileSync(silentKubelet, [
      "if (process.argv.includes('--stop-all-containers')) process.exit(0);",
      'console.error("cannot reach the runtime");',
      'setInterval(() => {}, 1000);',
    ].join('\n'));
    const options = resolveUpOptions({ name: 'kctl', dataDir: paths.dataDir, nodes: 1, scheduler: false });
    const detached = runDetached(options, {
      print: () => {},
      self: { command: process.execPath, args: [cli] },
      env: { ...env, KCTL_KUBELET_ENTRY: silentKubelet },
      readyTimeoutMs: 1_500,
    });
    await expect(detached).rejects.toThrow(
      new RegExp(`did not start \\(timed out\\): not every node became Ready: node ${options.nodes[0]} \\(not registered\\)[\\s\\S]*cannot reach the runtime`),
    );
    expect(runningSupervisorPid(paths)).toBeUndefined();
    expect(runningComponents(paths)).toEqual([]);
  }, 15_000);
});
