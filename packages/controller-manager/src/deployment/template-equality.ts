// deploymentutil.EqualIgnoreHash: is a ReplicaSet's pod template the Deployment's, ignoring the
// pod-template-hash label the controller adds? apimachinery's semantic DeepEqual treats nil and
// empty slices and maps alike, and key order never matters in JSON, so both templates are
// normalised before comparing.
import type { PodTemplateSpec } from '@kctl/shared';
import { canonicalJson } from '../object-hash.js';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

function normalised(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalised);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, normalised(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value === null ? undefined : value;
}

function withoutHashLabel(template: PodTemplateSpec | undefined): unknown {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) {
    const { [POD_TEMPLATE_HASH_LABEL]: _hash, ...labels } = copy.metadata.labels;
    copy.metadata.labels = labels;
  }
  return normalised(copy);
}

export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return canonicalJson(withoutHashLabel(a)) === canonicalJson(withoutHashLabel(b));
}
