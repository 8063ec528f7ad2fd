// The files a pod's containers see as /etc/hosts, /etc/hostname and /etc/resolv.conf: the
// kubelet's managed hosts file (managedHostsFileContent), the hostname GeneratePodHostNameAndDomain
// picks, and the resolver config the kubelet's dns configurer gives the runtime (written the way
// containerd writes it: search, nameserver lines, options).
import { readFileSync } from 'node:fs';
import type { Pod } from './api-objects.js';

/** The cluster DNS the kubelet was configured with (clusterDNS, the ClusterFirst searches, ndots). */
export interface ClusterDns {
  nameserver: string;
  /** e.g. NS.svc.cluster.local svc.cluster.local cluster.local */
  searches: string[];
  /** e.g. ndots:5 */
  options: string[];
}

export interface ResolverConfig {
  nameservers: string[];
  searches: string[];
  options: string[];
}

// Kubernetes' limits (validation.MaxDNSNameservers, MaxDNSSearchPaths).
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** GeneratePodHostNameAndDomain: spec.hostname or the pod name (63 chars at most, no trailing
 * '-' or '.'), and `<subdomain>.<ns>.svc.<clusterDomain>` when spec.subdomain is set. */
export function podHostnameAndDomain(pod: Pod, clusterDomain: string): { hostname: string; domain: string } {
  const spec = pod.spec ?? { containers: [] };
  for (const [field, value] of [
    ['Hostname', spec.hostname],
    ['Subdomain', spec.subdomain],
  ] as const) {
    if (value && (value.length > 63 || !DNS_LABEL.test(value))) throw new Error(`pod ${field} ${JSON.stringify(value)} is not a valid DNS label`);
  }
  let hostname = spec.hostname || pod.metadata?.name || '';
  if (hostname.length > 63) hostname = hostname.slice(0, 63).replace(/[-.]+$/, '');
  const domain = spec.subdomain ? `${spec.subdomain}.${pod.metadata?.namespace ?? ''}.svc.${clusterDomain}` : '';
  return { hostname, domain };
}

/** managedHostsFileContent, byte for byte. */
export function hostsFileContent(pod: Pod, podIps: readonly string[], clusterDomain: string): string {
  const { hostname, domain } = podHostnameAndDomain(pod, clusterDomain);
  let content =
    '# Kubernetes-managed hosts file.\n' +
    '127.0.0.1\tlocalhost\n' +
    '::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\n' +
    'fe00::0\tip6-mcastprefix\n' +
    'fe00::1\tip6-allnodes\n' +
    'fe00::2\tip6-allrouters\n';
  for (const ip of podIps) content += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length) {
    content += '\n# Entries added by HostAliases.\n';
    for (const alias of aliases) content += `${alias.ip}\t${(alias.hostnames ?? []).join('\t')}\n`;
  }
  return content;
}

/** What the runtime writes as the container's /etc/hostname (the FQDN with setHostnameAsFQDN). */
export function hostnameFileContent(pod: Pod, clusterDomain: string): string {
  const { hostname, domain } = podHostnameAndDomain(pod, clusterDomain);
  return `${pod.spec?.setHostnameAsFQDN && domain ? `${hostname}.${domain}` : hostname}\n`;
}

/** The host's own resolver (dnsPolicy Default): nameserver, search and options lines. */
export function parseResolvConf(text: string): ResolverConfig {
  const config: ResolverConfig = { nameservers: [], searches: [], options: [] };
  for (const line of text.split('\n')) {
    const [keyword, ...fields] = line.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (keyword === 'nameserver' && fields[0]) config.nameservers.push(fields[0]);
    else if (keyword === 'search' || keyword === 'domain') config.searches = fields;
    else if (keyword === 'options') config.options.push(...fields);
  }
  return config;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Options merge by name (`ndots:2` replaces `ndots:5`), as Kubernetes' mergeDNSOptions. */
function mergeOptions(base: string[], extra: Array<{ name?: string; value?: string }>): string[] {
  const byName = new Map(base.map((option) => [option.split(':')[0] ?? option, option]));
  for (const { name, value } of extra) if (name) byName.set(name, value !== undefined ? `${name}:${value}` : name);
  return [...byName.values()];
}

/** The resolver a pod gets, or undefined when the container keeps the host's /etc/resolv.conf
 * (dnsPolicy Default without dnsConfig, or ClusterFirst on a node without cluster DNS). */
export function podResolverConfig(pod: Pod, clusterDns: ClusterDns | undefined, hostResolvConf = '/etc/resolv.conf'): ResolverConfig | undefined {
  const spec = pod.spec ?? { containers: [] };
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  const dnsConfig = spec.dnsConfig;
  const clusterFirst = (policy === 'ClusterFirst' && !spec.hostNetwork) || policy === 'ClusterFirstWithHostNet';
  let base: ResolverConfig | undefined;
  if (policy === 'None') base = { nameservers: [], searches: [], options: [] };
  else if (clusterFirst && clusterDns) base = { nameservers: [clusterDns.nameserver], searches: [...clusterDns.searches], options: [...clusterDns.options] };
  else if (dnsConfig) base = parseResolvConf(readHostResolvConf(hostResolvConf));
  if (!base) return undefined;
  if (!dnsConfig) return base;
  return {
    nameservers: unique([...base.nameservers, ...(dnsConfig.nameservers ?? [])]).slice(0, MAX_NAMESERVERS),
    searches: unique([...base.searches, ...(dnsConfig.searches ?? [])]).slice(0, MAX_SEARCHES),
    options: mergeOptions(base.options, dnsConfig.options ?? []),
  };
}

function readHostResolvConf(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** containerd's resolv.conf layout. */
export function resolvConfContent(config: ResolverConfig): string {
  let content = '';
  if (config.searches.length) content += `search ${config.searches.join(' ')}\n`;
  for (const server of config.nameservers) content += `nameserver ${server}\n`;
  if (config.options.length) content += `options ${config.options.join(' ')}\n`;
  return content;
}
