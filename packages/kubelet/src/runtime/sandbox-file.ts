// The `sandbox` file of a container's state dir: how the shim is told the pod context to set up
// (packages/kubelet/native/pod-context.c). NUL-terminated tokens, so any path can be carried:
//   netns PATH | hostname NAME | rootfs | mask PATH | mount SOURCE TARGET ro|rw
// Paths are checked here, where a mistake becomes a readable start error rather than a mount
// somewhere unexpected.
import { isAbsolute, normalize } from 'node:path';
import { ContainerStartError, type PodSandboxContext } from './container-runtime.js';

/** Kubernetes caps a pod's hostname at 63 characters (a DNS label) and trims what ends it badly. */
const MAX_HOSTNAME = 63;

export function sandboxTokens(sandbox: PodSandboxContext): string[] {
  const tokens: string[] = [];
  if (sandbox.netnsPath) tokens.push('netns', absolutePath(sandbox.netnsPath, 'network namespace'));
  if (sandbox.hostname) tokens.push('hostname', sandbox.hostname.slice(0, MAX_HOSTNAME).replace(/[-.]+$/, ''));
  // Masks and mounts need the container's own root: without `mounts` it runs on the host's.
  if (sandbox.mounts) {
    tokens.push('rootfs');
    for (const path of sandbox.maskPaths ?? []) tokens.push('mask', absolutePath(path, 'masked path'));
    for (const mount of sandbox.mounts) {
      const target = absolutePath(mount.target, 'mount target');
      if (target === '/') throw new ContainerStartError(`cannot mount ${mount.source} over the container's root`);
      tokens.push('mount', absolutePath(mount.source, 'mount source'), target, mount.readOnly ? 'ro' : 'rw');
    }
  }
  if (tokens.some((t) => t.includes('\0'))) throw new ContainerStartError('sandbox paths must not contain NUL bytes');
  return tokens;
}

function absolutePath(path: string, what: string): string {
  if (!isAbsolute(path)) throw new ContainerStartError(`${what} ${JSON.stringify(path)} is not an absolute path`);
  return normalize(path).replace(/(.)\/$/, '$1');
}
