// The Service `kubectl expose` generates (expose.go createService), field for field and in Go's
// struct order, so `-o json` of a client dry run reads exactly like kubectl's.
import type { KubernetesObject } from '@kctl/shared';
import type { ExposedSource } from './expose-introspection.js';

/** The flags that shape the Service; empty strings mean "not given", as in kubectl. */
export interface ExposeFlags {
  port?: string;
  targetPort?: string;
  name?: string;
  type?: string;
  protocol?: string;
  selector?: string;
  labels?: string;
  externalIp?: string;
  loadBalancerIp?: string;
  sessionAffinity?: string;
  clusterIp?: string;
}

interface ServicePort {
  name?: string;
  protocol: string;
  port: number;
  targetPort?: number | string;
}

/** expose.go parseLabels: "k=v,k2=v2" with exactly one "=" per pair. */
export function parseLabelSpec(spec: string): Record<string, string> {
  if (!spec) throw new Error('no label spec passed');
  const labels: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const parts = pair.split('=');
    if (parts.length !== 2) throw new Error(`unexpected label spec: ${pair}`);
    if (!parts[0]) throw new Error('unexpected empty label key');
    labels[parts[0]] = parts[1]!;
  }
  return labels;
}

/** Go's strconv.Atoi, with its error text. */
function atoi(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

/** intstr.Parse: a number when the whole text is one, else a (named) port string. */
function parseIntOrString(text: string): number | string {
  return /^[+-]?\d+$/.test(text) && Math.abs(Number(text)) < 2 ** 31 ? Number(text) : text;
}

/**
 * The ports: --port, else the object's (one port keeps no name; several are "port-N"), each
 * with --protocol, else the object's protocol for that number (one entry per protocol, named
 * "port-N-tcp"/"port-N-udp", when a number carries several), else TCP.
 */
function servicePorts(portString: string, protocolFlag: string, protocols: Map<string, string[]>): ServicePort[] {
  if (!portString) return [];
  const numbers = portString.split(',');
  const ports: ServicePort[] = [];
  numbers.forEach((text, i) => {
    const port = atoi(text);
    const name = numbers.length > 1 ? `port-${i + 1}` : undefined;
    let protocol = protocolFlag || 'TCP';
    if (!protocolFlag && protocols.size > 0) {
      const declared = protocols.get(text) ?? [];
      if (declared.length === 1) protocol = declared[0]!;
      if (declared.length > 1) {
        for (const each of declared) ports.push({ name: `port-${i + 1}-${each.toLowerCase()}`, protocol: each, port });
        return;
      }
    }
    ports.push({ ...(name ? { name } : {}), protocol, port });
  });
  return ports;
}

function sessionAffinity(value: string): string {
  if (value === 'None' || value === 'ClientIP') return value;
  throw new Error(`unknown session affinity: ${value}`);
}

/**
 * Builds the Service for one exposed object. `defaultName` is the object's name cut to 63
 * characters; `source` what introspection found, used where a flag is empty.
 */
export function serviceForExpose(flags: ExposeFlags, defaultName: string, source: ExposedSource, objectLabels: string): KubernetesObject {
  let selectorText = flags.selector ?? '';
  if (!selectorText) {
    if (source.selector instanceof Error) throw new Error(`couldn't retrieve selectors via --selector flag or introspection: ${source.selector.message}`);
    selectorText = source.selector;
  }
  let portString = flags.port ?? '';
  if (!portString) {
    if (source.ports.length === 0 && flags.clusterIp !== 'None') throw new Error("couldn't find port via --port flag or introspection");
    portString = source.ports.join(',');
  }
  const labelText = flags.labels || objectLabels;

  if (!selectorText) throw new Error('selector must be specified');
  const selector = parseLabelSpec(selectorText);
  const labels = labelText ? parseLabelSpec(labelText) : undefined;
  const name = flags.name || defaultName;
  if (!name) throw new Error('name must be specified');

  const targetPort = flags.targetPort ? parseIntOrString(flags.targetPort) : undefined;
  const ports = servicePorts(portString, flags.protocol ?? '', source.protocols).map((p) => ({ ...p, targetPort: targetPort ?? p.port }));
  const type = flags.type || undefined;
  const spec = {
    ...(ports.length > 0 ? { ports } : {}),
    selector,
    ...(flags.clusterIp ? { clusterIP: flags.clusterIp } : {}),
    ...(type ? { type } : {}),
    ...(flags.externalIp ? { externalIPs: [flags.externalIp] } : {}),
    ...(flags.sessionAffinity ? { sessionAffinity: sessionAffinity(flags.sessionAffinity) } : {}),
    ...(type === 'LoadBalancer' && flags.loadBalancerIp ? { loadBalancerIP: flags.loadBalancerIp } : {}),
  };
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, ...(labels ? { labels } : {}) },
    spec,
    status: { loadBalancer: {} },
  } as unknown as KubernetesObject;
}
