// Where kctl-shim is: $KCTL_SHIM, else next to the running code. The bundle lives in
// packages/kubelet/dist/ beside the binary; tsc output in dist/runtime/ and the sources in
// src/runtime/ (tests) find it one and two levels up.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function defaultShimPath(): string {
  const fromEnv = process.env.KCTL_SHIM;
  if (fromEnv) return fromEnv;
  const candidates = ['./kctl-shim', '../kctl-shim', '../../dist/kctl-shim'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((p) => existsSync(p)) ?? (candidates[0] as string);
}
