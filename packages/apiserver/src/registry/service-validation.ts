// core/v1 Service validation (ValidateService, ValidateServiceUpdate): ports, types, traffic
// policies and the primary cluster IP that may not change once set.
import { fieldErrors, type FieldError, type Service, isDNS1123Label } from '@kctl/shared';
import { PORT_PROTOCOLS, oneOf } from './container-validation.js';
import { duplicateGoValue, invalidGoValue } from './extra-field-errors.js';
import { goStringSlice } from './go-format.js';
import { validateLabels } from './metadata-validation.js';
import { isValidPortNum } from './name-validation.js';
import { arrayOf } from './object-access.js';
import { validatePortNumOrName } from './probe-validation.js';

type ServiceSpec = NonNullable<Service['spec']>;
type ServicePort = NonNullable<ServiceSpec['ports']>[number];

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];

export const isHeadless = (spec: ServiceSpec) => spec.clusterIP === 'None';

/** LoadBalancer, NodePort, or a ClusterIP service with external IPs: reachable from outside. */
export function isExternallyAccessible(spec: ServiceSpec): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);
}

export function validateServiceSpec(spec: ServiceSpec | undefined): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const ports = arrayOf<ServicePort>(s.ports);
  if (ports.length === 0 && !isHeadless(s) && s.type !== 'ExternalName') errs.push(fieldErrors.required('spec.ports'));
  if (s.type !== undefined && !SERVICE_TYPES.includes(s.type)) errs.push(fieldErrors.notSupported('spec.type', s.type, SERVICE_TYPES));
  if (s.type === 'ExternalName' && !s.externalName) errs.push(fieldErrors.required('spec.externalName'));
  errs.push(...validateServicePorts(ports, s));
  errs.push(...oneOf(s.sessionAffinity, ['ClientIP', 'None'], 'spec.sessionAffinity'));
  errs.push(...validateLabels(s.selector, 'spec.selector'));
  if (s.externalTrafficPolicy) {
    if (!isExternallyAccessible(s)) {
      errs.push(fieldErrors.invalid('spec.externalTrafficPolicy', s.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    } else if (!TRAFFIC_POLICIES.includes(s.externalTrafficPolicy)) {
      errs.push(fieldErrors.notSupported('spec.externalTrafficPolicy', s.externalTrafficPolicy, TRAFFIC_POLICIES));
    }
  }
  if (s.internalTrafficPolicy !== undefined && !TRAFFIC_POLICIES.includes(s.internalTrafficPolicy)) {
    errs.push(fieldErrors.notSupported('spec.internalTrafficPolicy', s.internalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (s.ipFamilyPolicy !== undefined && !IP_FAMILY_POLICIES.includes(s.ipFamilyPolicy)) {
    errs.push(fieldErrors.notSupported('spec.ipFamilyPolicy', s.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  return errs;
}

function validateServicePorts(ports: ServicePort[], spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const portProtocols = new Set<string>();
  const requireName = ports.length > 1;
  ports.forEach((port, i) => {
    const path = `spec.ports[${i}]`;
    if (requireName && !port.name) errs.push(fieldErrors.required(`${path}.name`));
    else if (port.name) {
      for (const msg of isDNS1123Label(port.name)) errs.push(fieldErrors.invalid(`${path}.name`, port.name, msg));
      if (names.has(port.name)) errs.push(fieldErrors.duplicate(`${path}.name`, port.name));
      names.add(port.name);
    }
    for (const msg of isValidPortNum(port.port)) errs.push(fieldErrors.invalid(`${path}.port`, port.port, msg));
    errs.push(...oneOf(port.protocol, PORT_PROTOCOLS, `${path}.protocol`));
    errs.push(...validatePortNumOrName(port.targetPort, `${path}.targetPort`));
    if (spec.type === 'ClusterIP' && port.nodePort) {
      errs.push(fieldErrors.forbidden(`${path}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    }
    const identity = `${port.port}/${port.protocol}`;
    if (portProtocols.has(identity)) errs.push(duplicateGoValue(path, goServicePortKey(port)));
    portProtocols.add(identity);
  });
  return errs;
}

/** The (protocol, port) key Kubernetes reports duplicates with, as Go prints that struct. */
function goServicePortKey(port: ServicePort): string {
  return (
    `core.ServicePort{Name:"", Protocol:${JSON.stringify(port.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${port.port}, ` +
    'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'
  );
}

/** The primary cluster IP is fixed once allocated, except when the service is (or becomes) ExternalName. */
export function validateServiceSpecUpdate(spec: ServiceSpec | undefined, oldSpec: ServiceSpec | undefined): FieldError[] {
  const ips = clusterIPsOf(spec);
  const oldIPs = clusterIPsOf(oldSpec);
  if (spec?.type === 'ExternalName' || oldSpec?.type === 'ExternalName') return [];
  if (ips.length === 0 || oldIPs.length === 0 || ips[0] === oldIPs[0]) return [];
  return [invalidGoValue('spec.clusterIPs[0]', goStringSlice(ips), 'may not change once set')];
}

export function clusterIPsOf(spec: ServiceSpec | undefined): string[] {
  if (spec?.clusterIPs?.length) return spec.clusterIPs;
  return spec?.clusterIP ? [spec.clusterIP] : [];
}
