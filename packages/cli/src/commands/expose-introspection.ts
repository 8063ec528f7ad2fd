// What `kubectl expose` reads from the object it exposes (kubectl's polymorphichelpers:
// canBeExposed, mapBasedSelectorForObject, portsForObject, multiProtocolsForObject): the pod
// selector, the ports and each port's protocols. Errors carry kubectl's words.
import type { KubernetesObject } from '@kctl/shared';

interface ContainerPort {
  containerPort?: number;
  protocol?: string;
}

interface PodSpecLike {
  containers?: Array<{ ports?: ContainerPort[] }>;
}

interface LabelSelectorRequirement {
  key?: string;
  operator?: string;
  values?: string[];
}

interface LabelSelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

interface ExposableSpec {
  selector?: Record<string, string> | LabelSelectorLike | null;
  ports?: Array<{ port?: number; protocol?: string }>;
  template?: { metadata?: { labels?: Record<string, string> }; spec?: PodSpecLike };
  containers?: PodSpecLike['containers'];
}

/** What the generator needs from the exposed object. */
export interface ExposedSource {
  /** "k=v,k2=v2", or an Error in kubectl's words */
  selector: string | Error;
  /** distinct port numbers as strings, in declaration order */
  ports: string[];
  /** port number → its protocols, in declaration order (a port may carry TCP and UDP) */
  protocols: Map<string, string[]>;
}

/** The kinds kubectl exposes, by "Kind" or "Kind.group". */
const EXPOSABLE = new Set(['ReplicationController', 'Service', 'Pod', 'Deployment.apps', 'ReplicaSet.apps', 'Deployment.extensions', 'ReplicaSet.extensions']);

/** schema.GroupKind's String(): "Kind" for the core group, else "Kind.group". */
export function groupKind(kind: string, group: string): string {
  return group ? `${kind}.${group}` : kind;
}

export function checkExposable(kind: string, group: string): void {
  const name = groupKind(kind, group);
  if (!EXPOSABLE.has(name)) throw new Error(`cannot expose a ${name}`);
}

/** polymorphichelpers.MakeLabels. Go iterates maps at random; we keep insertion order. */
export function makeLabels(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** Go's %+v of []metav1.LabelSelectorRequirement, as kubectl quotes it in the error. */
function formatRequirements(requirements: LabelSelectorRequirement[]): string {
  const items = requirements.map((r) => `{Key:${r.key ?? ''} Operator:${r.operator ?? ''} Values:[${(r.values ?? []).join(' ')}]}`);
  return `[${items.join(' ')}]`;
}

/** apps/v1 Deployments and ReplicaSets: matchLabels only, matchExpressions refused. */
function labelSelectorToMap(selector: LabelSelectorLike | undefined, noun: string): string | Error {
  if (!selector?.matchLabels || Object.keys(selector.matchLabels).length === 0) {
    return new Error(`invalid ${noun}: no selectors, therefore cannot be exposed`);
  }
  if (selector.matchExpressions && selector.matchExpressions.length > 0) {
    return new Error(`couldn't convert expressions - "${formatRequirements(selector.matchExpressions)}" to map-based selector format`);
  }
  return makeLabels(selector.matchLabels);
}

function selectorOf(obj: KubernetesObject, spec: ExposableSpec): string | Error {
  switch (obj.kind) {
    case 'Pod': {
      const labels = obj.metadata?.labels;
      if (!labels || Object.keys(labels).length === 0) return new Error('the pod has no labels and cannot be exposed');
      return makeLabels(labels);
    }
    case 'Service':
      if (!spec.selector) return new Error('the service has no pod selector set');
      return makeLabels(spec.selector as Record<string, string>);
    case 'ReplicationController':
      return makeLabels(spec.selector as Record<string, string> | undefined);
    case 'Deployment':
      return labelSelectorToMap(spec.selector as LabelSelectorLike | undefined, 'deployment');
    case 'ReplicaSet':
      return labelSelectorToMap(spec.selector as LabelSelectorLike | undefined, 'replicaset');
    default:
      return new Error(`cannot extract pod selector from ${obj.kind ?? 'object'}`);
  }
}

/** Each declared port with its protocol (TCP when unset), from a pod spec or a service spec. */
function declaredPorts(obj: KubernetesObject, spec: ExposableSpec): Array<[string, string]> {
  if (obj.kind === 'Service') return (spec.ports ?? []).map((p) => [String(p.port ?? 0), p.protocol || 'TCP']);
  const podSpec: PodSpecLike = obj.kind === 'Pod' ? spec : (spec.template?.spec ?? {});
  return (podSpec.containers ?? []).flatMap((c) => (c.ports ?? []).map((p): [string, string] => [String(p.containerPort ?? 0), p.protocol || 'TCP']));
}

export function introspect(obj: KubernetesObject): ExposedSource {
  const spec = ((obj as { spec?: ExposableSpec }).spec ?? {}) as ExposableSpec;
  const protocols = new Map<string, string[]>();
  for (const [port, protocol] of declaredPorts(obj, spec)) protocols.set(port, [...(protocols.get(port) ?? []), protocol]);
  return { selector: selectorOf(obj, spec), ports: [...protocols.keys()], protocols };
}
