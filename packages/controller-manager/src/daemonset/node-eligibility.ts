// Which nodes a DaemonSet runs on (NodeShouldRunDaemonPod in pkg/controller/daemon): the pod the
// controller would create, with the tolerations every daemon pod gets, must fit the node's name,
// its labels (nodeSelector and required node affinity) and its taints. A pod already running may
// stay on a node whose new taints it does not tolerate unless one of them is NoExecute.
import { podSpecMatchesNodeSelectorAndAffinity, toleratesTaint } from '@kctl/shared';
import type { Node, Pod } from '@kctl/shared';

type PodSpec = NonNullable<Pod['spec']>;
export type Toleration = NonNullable<PodSpec['tolerations']>[number];

/**
 * AddOrUpdateDaemonPodTolerations: daemons keep running through node trouble (not-ready,
 * unreachable: NoExecute) and are placed despite pressure and cordons (NoSchedule); host-network
 * daemons (often the network plugin itself) also on nodes whose network is not up yet.
 */
export function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  const exists = (key: string, effect: 'NoExecute' | 'NoSchedule'): Toleration => ({ key: `node.kubernetes.io/${key}`, operator: 'Exists', effect });
  return [
    exists('not-ready', 'NoExecute'),
    exists('unreachable', 'NoExecute'),
    exists('disk-pressure', 'NoSchedule'),
    exists('memory-pressure', 'NoSchedule'),
    exists('pid-pressure', 'NoSchedule'),
    exists('unschedulable', 'NoSchedule'),
    ...(hostNetwork ? [exists('network-unavailable', 'NoSchedule')] : []),
  ];
}

/** AddOrUpdateTolerationInPodSpec for each: an equal toleration is kept, one with the same key, operator and effect replaced. */
export function withDaemonTolerations(tolerations: readonly Toleration[] | undefined, hostNetwork: boolean): Toleration[] {
  const result = [...(tolerations ?? [])];
  for (const wanted of daemonPodTolerations(hostNetwork)) {
    const same = result.findIndex((t) => t.key === wanted.key && (t.operator || 'Equal') === wanted.operator && t.effect === wanted.effect && (t.value ?? '') === '');
    if (same >= 0) result[same] = wanted;
    else result.push(wanted);
  }
  return result;
}

export interface NodeDecision {
  /** a daemon pod should be created here if none runs */
  shouldRun: boolean;
  /** a daemon pod already here may stay */
  shouldContinueRunning: boolean;
}

export function nodeShouldRunDaemonPod(spec: PodSpec | undefined, node: Node): NodeDecision {
  const no = { shouldRun: false, shouldContinueRunning: false };
  if (spec?.nodeName && spec.nodeName !== node.metadata?.name) return no;
  if (!podSpecMatchesNodeSelectorAndAffinity(spec, node)) return no;
  const tolerations = withDaemonTolerations(spec?.tolerations, spec?.hostNetwork === true);
  const untolerated = (node.spec?.taints ?? []).filter((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerations.some((tol) => toleratesTaint(tol, t)));
  if (untolerated.length === 0) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: !untolerated.some((t) => t.effect === 'NoExecute') };
}
