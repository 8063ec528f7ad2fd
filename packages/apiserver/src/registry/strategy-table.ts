// Which rules apply to which resource, and strategyFor(): the one entry point the REST layer
// uses. Scope (namespaced, status subresource) comes from the resource catalog, so the two can
// never disagree. Unknown resources get metadata validation only.
import { defaultCatalog, type ResourceCatalog } from '@kctl/shared';
import { daemonSetRules, deploymentRules, replicaSetRules, statefulSetRules } from './apps-strategies.js';
import { controllerRevisionRules, leaseRules, runtimeClassRules } from './cluster-strategies.js';
import { configMapRules, secretRules, serviceAccountRules } from './config-strategies.js';
import { cronJobRules } from './cronjob-strategy.js';
import { eventRules } from './event-strategy.js';
import { jobRules } from './job-strategy.js';
import { namespaceRules } from './namespace-strategy.js';
import { endpointSliceRules, endpointsRules } from './networking-strategies.js';
import { nodeRules } from './node-strategy.js';
import { podRules } from './pod-strategy.js';
import type { ResourceStrategy } from './resource-strategy.js';
import { serviceRules } from './service-strategy.js';
import { persistentVolumeClaimRules, persistentVolumeRules, storageClassRules } from './storage-strategies.js';
import { buildStrategy, type KindRules } from './strategy-builder.js';

/** Keyed by "group/resource" ("" for the core group). */
const RULES_BY_RESOURCE: Readonly<Record<string, KindRules>> = {
  '/namespaces': namespaceRules,
  '/nodes': nodeRules,
  '/pods': podRules,
  '/events': eventRules,
  // events.k8s.io/v1 Events are converted to core/v1 before the strategy runs.
  'events.k8s.io/events': eventRules,
  '/configmaps': configMapRules,
  '/secrets': secretRules,
  '/services': serviceRules,
  '/endpoints': endpointsRules,
  '/serviceaccounts': serviceAccountRules,
  '/persistentvolumes': persistentVolumeRules,
  '/persistentvolumeclaims': persistentVolumeClaimRules,
  'apps/deployments': deploymentRules,
  'apps/replicasets': replicaSetRules,
  'apps/daemonsets': daemonSetRules,
  'apps/statefulsets': statefulSetRules,
  'apps/controllerrevisions': controllerRevisionRules,
  'batch/jobs': jobRules,
  'batch/cronjobs': cronJobRules,
  'coordination.k8s.io/leases': leaseRules,
  'discovery.k8s.io/endpointslices': endpointSliceRules,
  'storage.k8s.io/storageclasses': storageClassRules,
  'node.k8s.io/runtimeclasses': runtimeClassRules,
};

/** Validates metadata and nothing else: for resources without rules of their own. */
const GENERIC_RULES: KindRules = {};

const cache = new Map<string, ResourceStrategy>();

export function strategyFor(group: string, resource: string, catalog: ResourceCatalog = defaultCatalog): ResourceStrategy {
  const key = `${group}/${resource}`;
  const cached = catalog === defaultCatalog ? cache.get(key) : undefined;
  if (cached) return cached;
  const type = catalog.types.find((t) => t.group === group && t.resource === resource);
  const strategy = buildStrategy(RULES_BY_RESOURCE[key] ?? GENERIC_RULES, {
    namespaced: type?.namespaced,
    hasStatusSubresource: type?.subresources.includes('status') ?? false,
  });
  if (catalog === defaultCatalog) cache.set(key, strategy);
  return strategy;
}

/** Resources with rules of their own (the rest get the generic strategy). */
export function resourcesWithRules(): string[] {
  return Object.keys(RULES_BY_RESOURCE);
}
