// Whether this process can give pods their own network namespaces. When it cannot, the kubelet
// falls back to host networking (HostPodNetwork) instead of failing every pod.
import { randomBytes } from 'node:crypto';
import { ipBatch, runCommand } from './run-command.js';

export type PodNetworkSupport = { ok: true } | { ok: false; reason: string };

export async function detectPodNetworkSupport(): Promise<PodNetworkSupport> {
  if (process.getuid?.() !== 0) return { ok: false, reason: 'not running as root (pod networks need CAP_NET_ADMIN)' };
  const version = await runCommand('ip', ['-V']).catch(() => undefined);
  if (version?.exitCode !== 0) return { ok: false, reason: 'the `ip` command (iproute2) is not available' };
  // Root is not enough inside some containers (no CAP_SYS_ADMIN for the netns bind mount):
  // create and delete a throwaway namespace, in one process.
  const probe = `kctl-probe-${process.pid}-${randomBytes(3).toString('hex')}`;
  const result = await ipBatch([`netns add ${probe}`, `netns del ${probe}`], { force: true });
  if (result.exitCode !== 0) {
    await ipBatch([`netns del ${probe}`]); // in case only the delete failed
    return { ok: false, reason: `cannot create a network namespace: ${result.stderr.trim() || `ip exited with ${result.exitCode}`}` };
  }
  return { ok: true };
}
