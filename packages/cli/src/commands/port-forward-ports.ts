// kubectl port-forward's port arguments ([LOCAL:]REMOTE, LOCAL empty = any free port) and the
// translation of a Service's port (or a pod's named port) to the container port the pod serves,
// as kubectl does before it forwards (portforward.go translateServicePortToTargetPort,
// util.LookupContainerPortNumberByServicePort / ByName).

export interface PortSpec {
  /** the local text as given ('' = choose any free port) */
  local: string;
  /** a number, or a container port name (pods only) */
  remote: string;
}

export interface ForwardedPort {
  /** 0: any free port */
  local: number;
  remote: number;
}

export interface ContainerPortsLike {
  metadata?: { name?: string };
  spec?: { containers?: Array<{ ports?: Array<{ name?: string; containerPort?: number }> }> };
}

export interface ServiceLike {
  metadata?: { name?: string };
  spec?: { clusterIP?: string; selector?: Record<string, string>; ports?: Array<{ port?: number; targetPort?: number | string }> };
}

export function splitPort(arg: string): PortSpec {
  const parts = arg.split(':');
  if (parts.length > 2) throw new Error(`invalid port format '${arg}'`);
  return parts.length === 2 ? { local: parts[0] as string, remote: parts[1] as string } : { local: arg, remote: arg };
}

/** Go's strconv.ParseUint(s, 10, 16) wording. */
function parseUint16(text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = Number(text);
  if (n > 65535) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`);
  return n;
}

/** The final [LOCAL:]REMOTE list with numeric remotes (client-go portforward parsePorts). */
export function parseForwardedPorts(specs: readonly PortSpec[]): ForwardedPort[] {
  return specs.map(({ local, remote }) => {
    let remotePort: number;
    try {
      remotePort = parseUint16(remote);
    } catch (err) {
      throw new Error(`Error parsing remote port '${remote}': ${(err as Error).message}`);
    }
    if (remotePort === 0) throw new Error('Remote port must be > 0');
    let localPort = 0;
    if (local !== '') {
      try {
        localPort = parseUint16(local);
      } catch (err) {
        throw new Error(`Error parsing local port '${local}': ${(err as Error).message}`);
      }
    }
    return { local: localPort, remote: remotePort };
  });
}

export function containerPortByName(pod: ContainerPortsLike, name: string): number {
  for (const container of pod.spec?.containers ?? []) {
    for (const port of container.ports ?? []) if (port.name === name && port.containerPort) return port.containerPort;
  }
  throw new Error(`Pod '${pod.metadata?.name ?? ''}' does not have a named port '${name}'`);
}

/** A pod's named remote ports become numbers (convertPodNamedPortToNumber). */
export function resolvePodPorts(specs: readonly PortSpec[], pod: ContainerPortsLike): PortSpec[] {
  return specs.map(({ local, remote }) => {
    if (/^\d+$/.test(remote)) return { local, remote };
    const number = String(containerPortByName(pod, remote));
    // "http" alone means local "http" too: kubectl then listens on the resolved number.
    return { local: local === remote ? number : local, remote: number };
  });
}

/** Service ports become the pod's target ports; the local side stays as given. */
export function resolveServicePorts(specs: readonly PortSpec[], service: ServiceLike, pod: ContainerPortsLike): PortSpec[] {
  return specs.map(({ local, remote }) => {
    const port = Number(remote);
    if (!/^\d+$/.test(remote)) throw new Error(`Error parsing remote port '${remote}': strconv.Atoi: parsing ${JSON.stringify(remote)}: invalid syntax`);
    return { local, remote: String(targetPortOf(service, pod, port)) };
  });
}

function targetPortOf(service: ServiceLike, pod: ContainerPortsLike, port: number): number {
  for (const spec of service.spec?.ports ?? []) {
    if (spec.port !== port) continue;
    // A headless Service forwards the port as it is.
    if (service.spec?.clusterIP === 'None') return port;
    const target = spec.targetPort;
    if (target === undefined || target === 0 || target === '') return port;
    if (typeof target === 'number') return target;
    return /^\d+$/.test(target) ? Number(target) : containerPortByName(pod, target);
  }
  throw new Error(`Service ${service.metadata?.name ?? ''} does not have a service port ${port}`);
}
