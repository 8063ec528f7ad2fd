// core/v1 Services: SetDefaults_Service plus the IP-family fields Kubernetes' service REST fills on
// a single-stack IPv4 cluster; allocated values (cluster IPs, node ports) survive updates that
// omit them, as `kubectl replace` and `apply` rely on. Allocation itself happens elsewhere.
import { isDNS1035Label } from '@kctl/shared';
import type { KubernetesObject, Service } from '@kctl/shared';
import { arrayOf, sectionOf } from './object-access.js';
import { clusterIPsOf, isExternallyAccessible, isHeadless, validateServiceSpec, validateServiceSpecUpdate } from './service-validation.js';
import type { KindRules } from './strategy-builder.js';

type ServiceSpec = NonNullable<Service['spec']>;

/** Three hours: the default stickiness of ClientIP session affinity. */
const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

const specOf = (obj: KubernetesObject) => sectionOf(obj, 'spec') as ServiceSpec;

export function defaultServiceSpec(spec: ServiceSpec): void {
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  spec.type ||= 'ClusterIP';
  for (const port of arrayOf(spec.ports)) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (isExternallyAccessible(spec)) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  if (spec.type !== 'ExternalName') {
    // Headless services without a selector have no endpoints to pick a family from, so they ask
    // for every family the cluster has (only IPv4 here).
    const selectorless = Object.keys(spec.selector ?? {}).length === 0;
    spec.ipFamilyPolicy ??= isHeadless(spec) && selectorless ? 'RequireDualStack' : 'SingleStack';
    if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
  }
}

/** patchAllocatedValues: an update that leaves out allocated values keeps the stored ones. */
function keepAllocatedValues(spec: ServiceSpec, oldSpec: ServiceSpec): void {
  const bothNeedClusterIP = spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName';
  if (bothNeedClusterIP && !spec.clusterIP && clusterIPsOf(oldSpec).length > 0) {
    spec.clusterIP = oldSpec.clusterIP;
    spec.clusterIPs = [...clusterIPsOf(oldSpec)];
  }
  const needsNodePorts = (s: ServiceSpec) => s.type === 'NodePort' || s.type === 'LoadBalancer';
  if (needsNodePorts(spec) && needsNodePorts(oldSpec)) {
    for (const port of arrayOf(spec.ports)) {
      if (port.nodePort) continue;
      const previous = arrayOf(oldSpec.ports).find((p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
      if (previous?.nodePort) port.nodePort = previous.nodePort;
    }
  }
  if (!spec.healthCheckNodePort && oldSpec.healthCheckNodePort && spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') {
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }
}

export const serviceRules: KindRules = {
  nameRule: isDNS1035Label,
  defaults: (obj) => defaultServiceSpec(specOf(obj)),
  // LoadBalancerStatus is a struct in Go, so an empty service status still prints it.
  initialStatus: () => ({ loadBalancer: {} }),
  prepareForUpdate: (obj, old) => keepAllocatedValues(specOf(obj), (old.spec ?? {}) as ServiceSpec),
  validate: (obj) => validateServiceSpec(obj.spec as ServiceSpec | undefined),
  validateUpdate: (obj, old) => validateServiceSpecUpdate(obj.spec as ServiceSpec | undefined, old.spec as ServiceSpec | undefined),
};
