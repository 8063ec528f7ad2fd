// The autoscaling/v1 Scale view of Deployments, ReplicaSets and StatefulSets.
import { labelSelectorString } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';

interface Scalable {
  spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string>; matchExpressions?: [] } };
  status?: { replicas?: number };
}

export function toScale(obj: KubernetesObject): KubernetesObject {
  const s = obj as KubernetesObject & Scalable;
  const meta = obj.metadata ?? {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      creationTimestamp: meta.creationTimestamp,
    },
    spec: { replicas: s.spec?.replicas ?? 0 },
    status: { replicas: s.status?.replicas ?? 0, selector: labelSelectorString(s.spec?.selector) ?? '' },
  };
}

/** Applies a (patched or PUT) Scale back onto its object: only spec.replicas moves. */
export function fromScale(scale: KubernetesObject, obj: KubernetesObject): KubernetesObject {
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  const next = structuredClone(obj) as KubernetesObject & Scalable;
  next.spec = { ...next.spec, replicas: typeof replicas === 'number' ? replicas : 0 };
  const rv = scale.metadata?.resourceVersion;
  next.metadata = { ...next.metadata, ...(rv ? { resourceVersion: rv } : {}) };
  return next;
}

export const scaleView = { toView: toScale, fromView: fromScale };
