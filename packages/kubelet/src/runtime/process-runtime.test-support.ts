// Fixtures for tests that run real containers through ProcessRuntime: a built shim, a temp
// root, and a clean-up that kills by pid whatever the test left running.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContainerLaunch, PodRef } from './container-runtime.js';
import { ContainerStateDir } from './container-state-dir.js';
import { isAlive, isShimAlive } from './process-identity.js';
import { ProcessRuntime } from './process-runtime.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Compiles kctl-shim if its sources changed (the build script skips up-to-date binaries). */
export function buildShim(): string {
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build-shim.mjs')], { stdio: 'inherit' });
  return join(repoRoot, 'packages/kubelet/dist/kctl-shim');
}

export const testPod: PodRef = { uid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', namespace: 'default', name: 'demo' };

export class RuntimeFixture {
  readonly root = mkdtempSync(join(tmpdir(), 'kctl-process-runtime-'));
  readonly stateDir = join(this.root, 'containers');
  readonly shimPath = buildShim();
  private logCount = 0;

  runtime(): ProcessRuntime {
    return new ProcessRuntime({ stateDir: this.stateDir, shimPath: this.shimPath, pollIntervalMs: 50 });
  }

  launch(argv: string[], overrides: Partial<ContainerLaunch> = {}): ContainerLaunch {
    return {
      name: 'main',
      argv,
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: this.root, HOSTNAME: testPod.name },
      workingDir: this.root,
      stdin: false,
      tty: false,
      attempt: 0,
      logPath: join(this.root, 'logs', `main-${this.logCount++}.log`),
      ...overrides,
    };
  }

  /** Kills, by pid, every container process group and shim still alive, then deletes the root. */
  async cleanUp(): Promise<void> {
    const ids = existsSync(this.stateDir) ? readdirSync(this.stateDir) : [];
    for (const id of ids) {
      const dir = join(this.stateDir, id);
      const [pid, startTicks] = readOr(join(dir, 'pid')).split('\n');
      if (pid && startTicks) await killGroupIfAlive({ pid: Number(pid), startTicks });
      const shimPid = Number(readOr(join(dir, 'shim.pid')));
      if (shimPid) await killShimIfAlive(shimPid, dir);
    }
    rmSync(this.root, { recursive: true, force: true });
  }

  dir(id: string): ContainerStateDir {
    return new ContainerStateDir(this.stateDir, id);
  }
}

/** The CRI records of a log file as [stream, tag, message]. */
export function criRecords(logPath: string): Array<[string, string, string]> {
  return readOr(logPath)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const match = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z (stdout|stderr) ([FP]) (.*)$/s.exec(line);
      if (!match) throw new Error(`not a CRI log line: ${JSON.stringify(line)}`);
      return [match[1] as string, match[2] as string, match[3] as string];
    });
}

/** Waits (without a deadline of its own: the test's timeout is the limit) until CHECK holds. */
export async function eventually<T>(check: () => T | undefined | false): Promise<T> {
  for (;;) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function readOr(path: string, fallback = ''): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

async function killGroupIfAlive(identity: { pid: number; startTicks: string }): Promise<void> {
  if (await isAlive(identity)) process.kill(-identity.pid, 'SIGKILL');
}

async function killShimIfAlive(pid: number, dir: string): Promise<void> {
  if (await isShimAlive(pid, dir)) process.kill(pid, 'SIGKILL');
}
