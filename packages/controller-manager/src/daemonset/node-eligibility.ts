// Which nodes a DaemonSet runs on (NodeShouldRunDaemonPod in pkg/controller/daemon): the pod the
// controller would create, with the tolerations every daemon pod gets, must fit the node's name,
// its labels (nodeSelector and required node affinity) and its taints. A pod already running may
// stay on a node whose new taints it does not tolerate unless one of them is NoExecute.
import type { Node, Pod } from '@kctl/shared';

type PodSpec = NonNullable<Pod['spec']>;
export type Toleration = NonNullable<PodSpec['tolerations']>[number];
type NodeSelectorTerm = NonNullable<NonNullable<NonNullable<PodSpec['affinity']>['nodeAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>['nodeSelectorTerms'][number];
type Requirement = NonNullable<NodeSelectorTerm['matchExpressions']>[number];
type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];

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

function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  const operator = toleration.operator || 'Equal';
  if (operator === 'Exists') return true;
  return operator === 'Equal' && (toleration.value ?? '') === (taint.value ?? '');
}

function requirementMatches(req: Requirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const bound = values[0];
      if (value === undefined || values.length !== 1 || bound === undefined || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(bound)) return false;
      return req.operator === 'Gt' ? BigInt(value) > BigInt(bound) : BigInt(value) < BigInt(bound);
    }
    default:
      return false;
  }
}

/** A NodeSelectorTerm: expressions on labels and fields (only metadata.name) ANDed; an empty term matches nothing. */
function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  return (
    expressions.every((req) => requirementMatches(req, labels[req.key])) &&
    fields.every((req) => req.key === 'metadata.name' && requirementMatches(req, node.metadata?.name))
  );
}

/** nodeSelector plus required node affinity (terms ORed), the scheduler's NodeAffinity filter. */
export function fitsNodeAffinity(spec: PodSpec | undefined, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  if (!Object.entries(spec?.nodeSelector ?? {}).every(([key, value]) => labels[key] === value)) return false;
  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return !required || (required.nodeSelectorTerms ?? []).some((term) => termMatches(term, node));
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
  if (!fitsNodeAffinity(spec, node)) return no;
  const tolerations = withDaemonTolerations(spec?.tolerations, spec?.hostNetwork === true);
  const untolerated = (node.spec?.taints ?? []).filter((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerations.some((tol) => toleratesTaint(tol, t)));
  if (untolerated.length === 0) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: !untolerated.some((t) => t.effect === 'NoExecute') };
}
