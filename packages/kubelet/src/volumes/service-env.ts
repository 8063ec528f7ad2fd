// Service environment variables, exactly as Kubernetes' pkg/kubelet/envvars (FromServices) and
// the kubelet's getServiceEnvVarMap pick and name them: FOO_SERVICE_HOST, FOO_SERVICE_PORT,
// FOO_SERVICE_PORT_<NAME>, and the Docker-link style FOO_PORT, FOO_PORT_80_TCP{,_PROTO,_PORT,_ADDR}.
import type { Service } from './api-objects.js';

/** The services every pod sees even with enableServiceLinks: false (the kubelet's masterServices). */
const MASTER_SERVICES = new Set(['kubernetes']);

function envName(name: string): string {
  return name.replaceAll('-', '_').toUpperCase();
}

function hasClusterIp(service: Service): boolean {
  const ip = service.spec?.clusterIP;
  return !!ip && ip !== 'None';
}

/** net.JoinHostPort: IPv6 addresses are bracketed. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** envvars.FromServices for one service, in Kubernetes' order. */
export function serviceEnvVars(service: Service): Array<[name: string, value: string]> {
  const ports = service.spec?.ports ?? [];
  const ip = service.spec?.clusterIP ?? '';
  const first = ports[0];
  if (!hasClusterIp(service) || !first) return [];
  const prefix = envName(service.metadata?.name ?? '');
  const vars: Array<[string, string]> = [
    [`${prefix}_SERVICE_HOST`, ip],
    [`${prefix}_SERVICE_PORT`, String(first.port)],
  ];
  for (const port of ports) {
    if (port.name) vars.push([`${prefix}_SERVICE_PORT_${envName(port.name)}`, String(port.port)]);
  }
  ports.forEach((port, index) => {
    const protocol = port.protocol || 'TCP';
    const url = `${protocol.toLowerCase()}://${joinHostPort(ip, port.port)}`;
    if (index === 0) vars.push([`${prefix}_PORT`, url]);
    const portPrefix = `${prefix}_PORT_${port.port}_${protocol.toUpperCase()}`;
    vars.push([portPrefix, url], [`${portPrefix}_PROTO`, protocol.toLowerCase()], [`${portPrefix}_PORT`, String(port.port)], [`${portPrefix}_ADDR`, ip]);
  });
  return vars;
}

/** getServiceEnvVarMap: the pod's namespace's services (with service links) plus `kubernetes`
 * from default; a same-named service of the pod's own namespace wins over the master one. */
export function serviceEnvironment(services: readonly Service[], namespace: string, enableServiceLinks: boolean): Map<string, string> {
  const chosen = new Map<string, Service>();
  for (const service of services) {
    if (!hasClusterIp(service)) continue;
    const name = service.metadata?.name ?? '';
    const ns = service.metadata?.namespace ?? '';
    if (ns === 'default' && MASTER_SERVICES.has(name)) {
      if (!chosen.has(name)) chosen.set(name, service);
    } else if (ns === namespace && enableServiceLinks) {
      chosen.set(name, service);
    }
  }
  return new Map([...chosen.values()].flatMap(serviceEnvVars));
}
