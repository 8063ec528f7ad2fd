// Whether this machine lets the kubelet give pods their own network namespaces (root with `ip`):
// the pod-context tests need it; elsewhere they are skipped, loudly, rather than faked.
import { execFileSync } from 'node:child_process';

export function canMakePodNetworks(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
