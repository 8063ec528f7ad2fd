// Where a workload keeps its pods' spec (kubectl's UpdatePodSpecForObject): a Pod's own spec, a
// CronJob's job template's pod template, every other controller's spec.template.
import type { KubernetesObject, PodSpec } from '@kctl/shared';

type Json = Record<string, unknown>;

const TEMPLATED_KINDS = new Set(['ReplicationController', 'Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'Job']);

/**
 * The pod spec inside `object` (the same reference: callers edit a copy of the object in place),
 * or an error worded as kubectl's for kinds without pods.
 */
export function podSpecOf(object: KubernetesObject): PodSpec {
  const kind = String(object.kind ?? '');
  const root = object as Json;
  if (kind === 'Pod') return ((root.spec as Json | undefined) ?? (root.spec = {})) as unknown as PodSpec;
  if (kind === 'CronJob') return templateSpec(child(child(root, 'spec'), 'jobTemplate'));
  if (TEMPLATED_KINDS.has(kind)) return templateSpec(root);
  throw new Error(`the object is not a pod or does not have a pod template: ${goTypeName(kind)}`);
}

function templateSpec(owner: Json): PodSpec {
  return child(child(child(owner, 'spec'), 'template'), 'spec') as unknown as PodSpec;
}

function child(parent: Json, key: string): Json {
  const value = parent[key];
  if (value && typeof value === 'object') return value as Json;
  const created: Json = {};
  parent[key] = created;
  return created;
}

/** kubectl prints the Go type (%T) of an unsupported object: *v1.Service, *v1.ConfigMap, ... */
function goTypeName(kind: string): string {
  return `*unstructured.Unstructured(${kind})`;
}
