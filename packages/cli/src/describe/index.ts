// kctl describe's renderer: picks kubectl's describer for the object's kind (describe.go's
// describerMap, keyed by group and kind) and falls back to the generic describer.
import { apiVersionOf } from '@kctl/shared';
import type { ApiClient, KubernetesObject, ResourceType } from '@kctl/shared';
import { describeConfigMap } from './configmap.js';
import type { DescribeClient, Describer } from './context.js';
import { describeDeployment } from './deployment.js';
import { describeGeneric } from './generic.js';
import { describeNamespace } from './namespace.js';
import { describeNode } from './node.js';
import { describePod } from './pod.js';
import { describeReplicaSet } from './replicaset.js';
import { describeSecret } from './secret.js';
import { describeService } from './service.js';

export type { DescribeClient } from './context.js';

const DESCRIBERS = new Map<string, Describer>([
  ['/Pod', describePod],
  ['/Node', describeNode],
  ['/Service', describeService],
  ['/Namespace', describeNamespace],
  ['/ConfigMap', describeConfigMap],
  ['/Secret', describeSecret],
  ['apps/Deployment', describeDeployment],
  ['apps/ReplicaSet', describeReplicaSet],
]);

export interface DescribeOptions {
  /** kubectl's --show-events (default true) */
  showEvents: boolean;
  /** the clock ages ("5m", "2m (x3 over 5m)") are computed against */
  now: Date;
}

/**
 * Renders `obj` (already fetched) as kubectl describe does, making the same follow-up requests:
 * events, and per kind the related pods, ReplicaSets, EndpointSlices, Lease, quotas...
 */
export function describeObject(
  client: ApiClient | DescribeClient,
  type: ResourceType,
  obj: KubernetesObject,
  opts: DescribeOptions,
): Promise<string> {
  const describer = DESCRIBERS.get(`${type.group}/${type.kind}`) ?? describeGeneric;
  // List items come without apiVersion/kind; the generic describer prints both and events are searched by kind.
  const typed = { ...obj, apiVersion: obj.apiVersion ?? apiVersionOf(type), kind: obj.kind ?? type.kind };
  return describer(typed, { client, showEvents: opts.showEvents, now: opts.now });
}
