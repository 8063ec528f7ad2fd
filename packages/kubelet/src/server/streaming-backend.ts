// What the kubelet server needs from the kubelet: find a pod's container (with the kubelet's
// own error wording when it cannot be used) and the runtime to exec/attach into it.
import { ApiError } from '@kctl/shared';
import type { ContainerRuntime } from '../runtime/container-runtime.js';

export interface StreamingBackend {
  findContainer(namespace: string, podName: string, containerName: string | undefined, opts: { previous?: boolean }): ContainerLookup;
  runtime: ContainerRuntime;
  /** The pod's network for port-forward (its sandbox). Optional: without it the kubelet joins the
   * network namespace of the pod's (single) running container's process. */
  podNetwork?(namespace: string, podName: string): PodNetworkLookup;
}

export type PodNetworkLookup =
  | { ok: true; podUid: string; /** absent: the node's network (hostNetwork pods) */ netnsPath?: string }
  | { ok: false; code: number; reason: string; message: string };

export type ContainerLookup =
  | { ok: true; podUid: string; containerName: string; containerId?: string; logPath: string; running: boolean }
  | { ok: false; code: number; reason: string; message: string };

export function lookupError(lookup: Extract<ContainerLookup | PodNetworkLookup, { ok: false }>): ApiError {
  return new ApiError(lookup.code, lookup.reason as ApiError['reason'], lookup.message);
}
