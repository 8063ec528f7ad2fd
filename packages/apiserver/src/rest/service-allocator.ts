// ClusterIPs and NodePorts for Services, allocated by the API server as Kubernetes' service REST
// storage does. What is in use is read from the stored Services themselves (one process owns the
// store, and allocation runs under a lock with the write), so nothing can drift out of step.
import { randomInt } from 'node:crypto';
import { fieldErrors } from '@kctl/shared';
import type { FieldError, KubernetesObject } from '@kctl/shared';
import type { ObjectStore } from '../storage/object-store.js';

export interface ServiceNetworkConfig {
  /** e.g. 10.96.0.0/16 (kube-apiserver --service-cluster-ip-range) */
  clusterIPRange: string;
  /** e.g. [30000, 32767] (kube-apiserver --service-node-port-range) */
  nodePortRange: [number, number];
}

export const DEFAULT_SERVICE_NETWORK: ServiceNetworkConfig = { clusterIPRange: '10.96.0.0/16', nodePortRange: [30000, 32767] };

interface ServicePort {
  nodePort?: number;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
}

const SERVICES_PREFIX = '/registry/core/services/';

function ipToInt(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return (((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!) >>> 0;
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function parseCidr(cidr: string): { base: number; size: number } {
  const [ip, bits] = cidr.split('/');
  const base = ipToInt(ip ?? '');
  const prefix = Number(bits);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 8 || prefix > 30) throw new Error(`invalid service CIDR ${cidr}`);
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), size };
}

/** Chooses a random free value in [first, last], then scans on: Kubernetes allocates randomly. */
function pickFree(first: number, last: number, used: Set<number>): number | undefined {
  const count = last - first + 1;
  const start = randomInt(count);
  for (let i = 0; i < count; i++) {
    const candidate = first + ((start + i) % count);
    if (!used.has(candidate)) return candidate;
  }
  return undefined;
}

export class ServiceAllocator {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly range: { base: number; size: number };

  constructor(private readonly store: ObjectStore, private readonly config: ServiceNetworkConfig = DEFAULT_SERVICE_NETWORK) {
    this.range = parseCidr(config.clusterIPRange);
  }

  /** Runs `fn` alone: allocation and the write that records it must not interleave with another's. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Fills in spec.clusterIP(s) and nodePorts; field errors for requested values that are taken or out of range. */
  async allocate(service: KubernetesObject): Promise<FieldError[]> {
    const spec = (service.spec ?? {}) as ServiceSpec;
    if (spec.type === 'ExternalName') return [];
    const { ips, ports } = await this.inUse(service.metadata?.uid);
    const errors: FieldError[] = [];
    if (spec.clusterIP !== 'None') {
      const requested = spec.clusterIP || spec.clusterIPs?.[0];
      if (requested) {
        const problem = this.checkIp(requested, ips);
        if (problem) errors.push(fieldErrors.invalid('spec.clusterIPs', [requested], `failed to allocate IP ${requested}: ${problem}`));
      } else {
        // The first address of the range is the kubernetes Service's; the last is broadcast.
        const ip = pickFree(this.range.base + 2, this.range.base + this.range.size - 2, ips);
        if (ip === undefined) errors.push(fieldErrors.invalid('spec.clusterIPs', [], `failed to allocate a serviceIP: range is full`));
        else spec.clusterIP = intToIp(ip);
      }
      if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      const [first, last] = this.config.nodePortRange;
      (spec.ports ?? []).forEach((port, i) => {
        if (port.nodePort) {
          if (port.nodePort < first || port.nodePort > last) {
            errors.push(fieldErrors.invalid(`spec.ports[${i}].nodePort`, port.nodePort, `provided port is not in the valid range. The range of valid ports is ${first}-${last}`));
          } else if (ports.has(port.nodePort)) {
            errors.push(fieldErrors.invalid(`spec.ports[${i}].nodePort`, port.nodePort, 'provided port is already allocated'));
          }
        } else {
          const chosen = pickFree(first, last, ports);
          if (chosen === undefined) errors.push(fieldErrors.invalid(`spec.ports[${i}].nodePort`, 0, 'range is full'));
          else port.nodePort = chosen;
        }
        if (port.nodePort) ports.add(port.nodePort);
      });
    }
    service.spec = spec;
    return errors;
  }

  private checkIp(ip: string, used: Set<number>): string | undefined {
    const n = ipToInt(ip);
    if (n === undefined || n < this.range.base || n >= this.range.base + this.range.size) {
      return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.config.clusterIPRange}`;
    }
    return used.has(n) ? 'provided IP is already allocated' : undefined;
  }

  /** ClusterIPs and NodePorts held by every other stored Service. */
  private async inUse(exceptUid: string | undefined): Promise<{ ips: Set<number>; ports: Set<number> }> {
    const ips = new Set<number>();
    const ports = new Set<number>();
    for (const stored of (await this.store.list(SERVICES_PREFIX)).items) {
      const svc = stored.value as KubernetesObject;
      if (exceptUid && svc.metadata?.uid === exceptUid) continue;
      const spec = (svc.spec ?? {}) as ServiceSpec;
      for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) {
        const n = ipToInt(ip);
        if (n !== undefined) ips.add(n);
      }
      for (const port of spec.ports ?? []) if (port.nodePort) ports.add(port.nodePort);
    }
    return { ips, ports };
  }
}
