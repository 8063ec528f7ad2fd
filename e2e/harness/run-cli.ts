// Runs kctl (the installed bin) and the real kubectl against a test cluster, each with a
// throwaway HOME so no developer config or discovery cache leaks in.
import { execa } from 'execa';
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

const isolatedHome = mkdtempSync(join(tmpdir(), 'kctl-e2e-home-'));
// One HOME per test file (each file imports its own instance of this module), removed after it.
afterAll(() => rmSync(isolatedHome, { recursive: true, force: true }));

function env(kubeconfig: string): Record<string, string> {
  return { KUBECONFIG: kubeconfig, HOME: isolatedHome, NO_COLOR: '1' };
}

export async function kctl(kubeconfig: string, args: string[], input?: string): Promise<CliResult> {
  const r = await execa(process.execPath, [KCTL_BIN, ...args], { env: env(kubeconfig), reject: false, ...(input !== undefined ? { input } : { stdin: 'ignore' }) });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? 1 };
}

export async function kubectl(kubeconfig: string, args: string[], input?: string): Promise<CliResult> {
  const r = await execa(KUBECTL, args, { env: env(kubeconfig), reject: false, ...(input !== undefined ? { input } : { stdin: 'ignore' }) });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? 1 };
}
