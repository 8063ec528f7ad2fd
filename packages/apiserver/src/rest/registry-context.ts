// What the generic REST logic needs: the store, the catalog, the per-kind strategies, a clock.
import type { KubernetesObject, ResourceCatalog, ResourceType } from '@kctl/shared';
import type { ObjectStore } from '../storage/object-store.js';
import type { ResourceStrategy } from '../registry/resource-strategy.js';
import type { Clock } from './object-meta.js';
import type { ServiceAllocator } from './service-allocator.js';

export interface RegistryContext {
  store: ObjectStore;
  catalog: ResourceCatalog;
  strategyFor(type: ResourceType): ResourceStrategy;
  /** Converts between the stored form and a served version (events.k8s.io/v1 ⇔ core/v1). */
  toExternal(type: ResourceType, obj: KubernetesObject): KubernetesObject;
  toInternal(type: ResourceType, obj: KubernetesObject): KubernetesObject;
  clock: Clock;
  /** ClusterIP/NodePort allocation for Services (absent: Services get none). */
  services?: ServiceAllocator;
}
