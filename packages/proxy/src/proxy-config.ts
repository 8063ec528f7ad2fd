// kctl-proxy's flags, parsed and checked into a ProxyConfig. Separate from main.ts so the defaults
// (the DNS address derived from the service CIDR) are unit tested without starting anything.
import { parseArgs } from 'node:util';
import { cidrContains, isIpv4, nthAddress, parseIpv4Cidr } from './ipv4.js';
import type { Ipv4Cidr } from './ipv4.js';

export interface ProxyConfig {
  kubeconfig?: string;
  serviceCidr: Ipv4Cidr;
  /** where the cluster DNS server listens (port 53): by default the service CIDR's tenth address */
  dnsAddress: string;
  clusterDomain: string;
  /** where NodePorts listen; 127.0.0.1 keeps them off the machine's real interfaces */
  nodePortAddress: string;
  logLevel: string;
  /** remove what a previous run left (the local route) and exit */
  cleanup: boolean;
  /** 127.0.0.1:PORT/healthz answers ok once the caches are synced */
  healthzPort?: number;
}

export function parseProxyFlags(args: string[]): ProxyConfig {
  const { values } = parseArgs({
    args,
    options: {
      kubeconfig: { type: 'string' },
      'service-cidr': { type: 'string' },
      'dns-address': { type: 'string' },
      'cluster-domain': { type: 'string', default: 'cluster.local' },
      'node-port-address': { type: 'string', default: '127.0.0.1' },
      'log-level': { type: 'string', default: 'info' },
      cleanup: { type: 'boolean', default: false },
      'healthz-port': { type: 'string' },
    },
  });
  if (!values['service-cidr']) throw new Error('--service-cidr is required (e.g. 10.130.0.0/16)');
  const serviceCidr = parseIpv4Cidr(values['service-cidr']);
  if (serviceCidr.prefix < 8 || serviceCidr.prefix > 30) throw new Error(`--service-cidr must be a /8 to /30 range, got ${serviceCidr.text}`);
  const dnsAddress = values['dns-address'] ?? nthAddress(serviceCidr, 10);
  if (!isIpv4(dnsAddress) || !cidrContains(serviceCidr, dnsAddress)) throw new Error(`--dns-address ${dnsAddress} must be an address inside ${serviceCidr.text}`);
  const nodePortAddress = values['node-port-address'] ?? '127.0.0.1';
  if (!isIpv4(nodePortAddress)) throw new Error(`--node-port-address must be an IPv4 address, got ${JSON.stringify(nodePortAddress)}`);
  const clusterDomain = (values['cluster-domain'] ?? 'cluster.local').replace(/\.$/, '').toLowerCase();
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(clusterDomain)) throw new Error(`--cluster-domain is not a domain name: ${clusterDomain}`);
  let healthzPort: number | undefined;
  if (values['healthz-port'] !== undefined) {
    healthzPort = Number(values['healthz-port']);
    if (!Number.isInteger(healthzPort) || healthzPort < 0 || healthzPort > 65535) throw new Error(`--healthz-port must be a port number, got ${values['healthz-port']}`);
  }
  return {
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    serviceCidr,
    dnsAddress,
    clusterDomain,
    nodePortAddress,
    logLevel: values['log-level'] ?? 'info',
    cleanup: values.cleanup ?? false,
    ...(healthzPort !== undefined ? { healthzPort } : {}),
  };
}
