// End to end: a bundled CLI (esbuild, like the real kctl.mjs) running `cluster up|status|down`
// as real processes, with a stand-in API server (fixtures/fake-apiserver.mjs).
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
import { isProcessAlive, waitUntilGone } from './processes.js';
import { probeReady } from './readiness.js';
import { resolveUpOptions } from './up-options.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const fakeApiServer = join(here, 'fixtures', 'fake-apiserver.mjs');

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
  env = { ...process.env, KCTL_APISERVER_ENTRY: fakeApiServer, KUBECONFIG: userKubeconfig };
});

afterEach(async () => {
  // Whatever a failed test left running, stopped by the pids in its run/ directory.
  const pids = [runningSupervisorPid(paths), ...runningComponents(paths).map((c) => c.pid)];
  for (const pid of pids) if (pid !== undefined) process.kill(pid, 'SIGKILL');
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

function apiServerPid(): number | undefined {
  return readPidFile(paths.componentPidFile('apiserver'));
}

describe('kctl cluster (bundled CLI, stand-in API server)', () => {
  it('up --detach, status, a restarted API server, a refused second up, down, and up again on the kept port', async () => {
    const started = performance.now();
    const up = await runCli(['cluster', 'up', '--detach', '--data-dir', paths.dataDir, '--port', '0']);
    const upMs = performance.now() - started;
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const server = /is ready: API server at (http:\/\/127\.0\.0\.1:(\d+))/.exec(up.stdout);
    expect(server).not.toBeNull();
    const [, url, port] = server!;
    console.log(`cluster up --detach took ${upMs.toFixed(0)} ms`);
    expect(upMs).toBeLessThan(5_000);

    expect(up.stdout).toContain(`Kubeconfig: ${paths.kubeconfig}`);
    expect(readKeptPorts(paths.portsFile)).toEqual({ apiserver: Number(port) });
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
    expect(down.stdout).toBe('Cluster "kctl" stopped\n');
    // Both are already gone; init may take a moment to reap them, hence the short wait.
    expect(await waitUntilGone(() => isProcessAlive(supervisorPid!), 2_000)).toBe(true);
    expect(await waitUntilGone(() => isProcessAlive(restartedPid), 2_000)).toBe(true);
    expect(readdirSync(paths.runDir)).toEqual(['ports.json']);
    expect(readFileSync(paths.componentLog('apiserver'), 'utf8')).toContain('"msg":"stopping"');

    const stopped = await runCli(['cluster', 'status', '--data-dir', paths.dataDir]);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/supervisor +stopped/);
    expect(stopped.stdout).toMatch(new RegExp(`api +${url} not answering`));

    const again = await runCli(['cluster', 'up', '--detach', '--data-dir', paths.dataDir]);
    expect(again.code).toBe(0);
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
    expect(stdout).toMatch(/apiserver stopped \(code 0\)\nCluster "dev" stopped\n$/);
    expect(isProcessAlive(apiPid)).toBe(false);
    expect(readdirSync(paths.runDir)).toEqual(['ports.json']);
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
});
