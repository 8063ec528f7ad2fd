// Runs kctl (the installed bin) and the real kubectl against a test cluster, each with a
// throwaway HOME so no developer config or discovery cache leaks in.
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import { afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KCTL_BIN, KUBECTL } from './paths.js';

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const hasKubectl = existsSync(KUBECTL);

// One HOME per test file (each file imports its own instance of this module), removed after
// it. Made on first use: a file whose tests are all skipped runs no afterAll to remove it.
let isolatedHome: string | undefined;
afterAll(() => {
  if (isolatedHome) rmSync(isolatedHome, { recursive: true, force: true });
});

/** The environment both CLIs run with: the test's kubeconfig and the isolated HOME. */
export function cliEnv(kubeconfig: string): Record<string, string> {
  isolatedHome ??= mkdtempSync(join(tmpdir(), 'kctl-e2e-home-'));
  return { KUBECONFIG: kubeconfig, HOME: isolatedHome, NO_COLOR: '1' };
}

export async function kctl(kubeconfig: string, args: string[], input?: string): Promise<CliResult> {
  const r = await execa(process.execPath, [KCTL_BIN, ...args], { env: cliEnv(kubeconfig), reject: false, ...(input !== undefined ? { input } : { stdin: 'ignore' }) });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? 1 };
}

export async function kubectl(kubeconfig: string, args: string[], input?: string): Promise<CliResult> {
  const r = await execa(KUBECTL, args, { env: cliEnv(kubeconfig), reject: false, ...(input !== undefined ? { input } : { stdin: 'ignore' }) });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? 1 };
}

/** Which CLI a test drives; the same cases run through both. */
export type CliName = 'kctl' | 'kubectl';

export function cliCommand(cli: CliName): string[] {
  return cli === 'kctl' ? [process.execPath, KCTL_BIN] : [KUBECTL];
}

export function runCli(cli: CliName, kubeconfig: string, args: string[], input?: string): Promise<CliResult> {
  return cli === 'kctl' ? kctl(kubeconfig, args, input) : kubectl(kubeconfig, args, input);
}

/**
 * Starts a long-running command (`logs -f`, `get -w`) and returns the running child; the
 * caller stops it with `.kill()` (by its pid) once it has seen what it waited for.
 */
export function startCli(cli: CliName, kubeconfig: string, args: string[]): ResultPromise<{ reject: false; stdin: 'ignore'; buffer: true }> {
  const [command, ...prefix] = cliCommand(cli);
  return execa(command!, [...prefix, ...args], { env: cliEnv(kubeconfig), reject: false, stdin: 'ignore', buffer: true });
}
