// Which network namespace a port-forward for a pod connects in: the backend's own answer (the
// pod sandbox) when it has one, else that of the pod's running container's process, which
// joined the sandbox's namespace when it started.
import { errors } from '@kctl/shared';
import { lookupError } from './streaming-backend.js';
import type { PodNetworkLookup, StreamingBackend } from './streaming-backend.js';

export interface PodNetworkTarget {
  podUid: string;
  /** absent: the node's network */
  netnsPath?: string;
}

export async function findPodNetwork(backend: StreamingBackend, namespace: string, podName: string): Promise<PodNetworkTarget> {
  if (backend.podNetwork) return unwrap(backend.podNetwork(namespace, podName));
  const lookup = backend.findContainer(namespace, podName, undefined, {});
  if (!lookup.ok) throw lookupError(lookup);
  const state = lookup.containerId && lookup.running ? await backend.runtime.inspect(lookup.containerId) : undefined;
  if (state?.status !== 'running') throw errors.badRequest(`pod ${podName} has no running container to forward ports to`);
  return { podUid: lookup.podUid, netnsPath: `/proc/${state.pid}/ns/net` };
}

function unwrap(lookup: PodNetworkLookup): PodNetworkTarget {
  if (!lookup.ok) throw lookupError(lookup);
  return { podUid: lookup.podUid, ...(lookup.netnsPath ? { netnsPath: lookup.netnsPath } : {}) };
}
