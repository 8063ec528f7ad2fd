// One probe attempt (prober.go runProbe): exec, httpGet or tcpSocket against the container,
// with the probe's timeout. gRPC probes are not supported yet and count as failures saying so.
import type { ContainerRuntime } from '../runtime/container-runtime.js';
import type { Container } from '../status/api-types.js';
import type { ActionResult } from './handler-actions.js';
import { execAction, httpGetAction, resolvePort, tcpAction } from './handler-actions.js';

export type Probe = NonNullable<Container['livenessProbe']>;

export interface ProbeTarget {
  runtime: ContainerRuntime;
  containerId: string;
  container: Container;
  podIp: string;
}

/** Kubernetes' probe defaults (pkg/apis/core/v1/defaults.go SetDefaults_Probe). */
export function probeTimings(probe: Probe) {
  return {
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    periodSeconds: probe.periodSeconds || 10,
    timeoutSeconds: probe.timeoutSeconds || 1,
    successThreshold: probe.successThreshold || 1,
    failureThreshold: probe.failureThreshold || 3,
  };
}

export async function runProbe(probe: Probe, target: ProbeTarget): Promise<ActionResult> {
  const timeoutMs = probeTimings(probe).timeoutSeconds * 1000;
  if (probe.exec) return execAction(target.runtime, target.containerId, probe.exec.command ?? [], timeoutMs);
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, target.container);
    if (port === undefined) return { ok: false, output: `unable to resolve port ${JSON.stringify(probe.httpGet.port)}` };
    return httpGetAction({ ...probe.httpGet, host: probe.httpGet.host || target.podIp, port }, timeoutMs);
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, target.container);
    if (port === undefined) return { ok: false, output: `unable to resolve port ${JSON.stringify(probe.tcpSocket.port)}` };
    return tcpAction(probe.tcpSocket.host || target.podIp, port, timeoutMs);
  }
  return { ok: false, output: 'unsupported probe handler: the process runtime supports exec, httpGet and tcpSocket' };
}
