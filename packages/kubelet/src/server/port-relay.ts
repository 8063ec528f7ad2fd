// One forwarded connection's relay: `kctl-shim port-forward` joins the pod's network namespace
// and connects to localhost:PORT there (Node cannot setns itself; servers bound to 127.0.0.1
// in the pod are only reachable from inside), then copies its stdin/stdout to the connection.
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { defaultShimPath } from '../runtime/shim-path.js';

export type PortRelay = ChildProcessByStdio<Writable, Readable, Readable>;

/** netnsPath undefined: the node's own network (hostNetwork pods). */
export function spawnPortRelay(netnsPath: string | undefined, port: number, shimPath = defaultShimPath()): PortRelay {
  const args = ['port-forward', ...(netnsPath ? ['--netns', netnsPath] : []), '--port', String(port)];
  return spawn(shimPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
}
