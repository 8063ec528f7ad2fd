// Deletes everything inside a namespace, kind by kind (Kubernetes' namespacedResourcesDeleter):
// a DELETE of each collection with propagationPolicy Background, then a list of what is left.
// Objects that remain are expected only while pods terminate gracefully or finalizers run;
// anything else left over is an error for the NamespaceDeletionContentFailure condition.
import { ApiError, resourcePath } from '@kctl/shared';
import type { ApiClient, KubernetesList, KubernetesObject, Pod, ResourceCatalog, ResourceType } from '@kctl/shared';
import type { ContentDeletionResult } from './deletion-conditions.js';

/** How long Kubernetes expects finalizers to take when nothing better is known. */
const FINALIZER_ESTIMATE_SECONDS = 15;

export interface ContentDeletion extends ContentDeletionResult {
  /** seconds until the remaining content should be gone; 0 when nothing remains */
  estimateSeconds: number;
}

/** The kinds a namespace holds: every namespaced kind of the catalog, less aliases of another. */
export function namespacedKinds(catalog: ResourceCatalog): ResourceType[] {
  return catalog.types.filter((t) => t.namespaced && !t.storedAs);
}

function resourceName(type: ResourceType): string {
  return `${type.resource}.${type.group}`;
}

/** The longest grace period among the namespace's running pods (estimateGracefulTermination). */
function podTerminationEstimate(pods: Pod[]): number {
  let estimate = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? 0);
  }
  return estimate;
}

export async function deleteAllContent(client: ApiClient, kinds: ResourceType[], namespace: string): Promise<ContentDeletion> {
  const result: ContentDeletion = { errors: [], remaining: new Map(), finalizers: new Map(), estimateSeconds: 0 };
  await Promise.all(
    kinds.map(async (type) => {
      try {
        const left = await deleteKind(client, type, namespace);
        if (left.items.length === 0) return;
        result.remaining.set(resourceName(type), left.items.length);
        let withFinalizers = false;
        for (const item of left.items) {
          for (const f of item.metadata?.finalizers ?? []) {
            result.finalizers.set(f, (result.finalizers.get(f) ?? 0) + 1);
            withFinalizers = true;
          }
        }
        if (left.estimate > 0) result.estimateSeconds = Math.max(result.estimateSeconds, left.estimate);
        else if (withFinalizers) result.estimateSeconds = Math.max(result.estimateSeconds, FINALIZER_ESTIMATE_SECONDS);
        else result.errors.push(`unexpected items still remain in namespace: ${namespace} for gvr: ${type.group}/${type.version}, Resource=${type.resource}`);
      } catch (err) {
        result.errors.push(err instanceof ApiError ? err.message : String(err));
      }
    }),
  );
  // Something left for an unknown reason is still something to wait for.
  if (result.remaining.size > 0 && result.estimateSeconds === 0) result.estimateSeconds = 1;
  return result;
}

async function deleteKind(client: ApiClient, type: ResourceType, namespace: string): Promise<{ items: KubernetesObject[]; estimate: number }> {
  const path = resourcePath(type, namespace);
  const isPods = type.group === '' && type.resource === 'pods';
  let estimate = 0;
  if (isPods) {
    const before = await client.get<KubernetesList<Pod>>(path);
    estimate = podTerminationEstimate(before.items);
  }
  await client.delete(path, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
  const after = await client.get<KubernetesList<KubernetesObject>>(path);
  return { items: after.items, estimate };
}
