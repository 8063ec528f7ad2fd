// The cluster DNS zone: answers one question from the Service entries, as CoreDNS's kubernetes
// plugin does for the common names — SVC.NS.svc.DOMAIN (A: the ClusterIP, or a headless Service's
// ready endpoint IPs; CNAME for ExternalName), _PORT._PROTO.SVC.NS.svc.DOMAIN (SRV) and
// A-B-C-D.NS.pod.DOMAIN (A). Everything else is answered at once — NOERROR without records for
// other types of a known name, NXDOMAIN for unknown names and names outside the domain — and
// nothing is ever forwarded: a pod's search-path expansions (ndots:5) must fail fast, and a local
// cluster has no upstream to ask.
import type { ServiceEntry } from '../service-table.js';
import { isIpv4 } from '../ipv4.js';
import { CLASS_IN, RCODE, TYPE } from './wire.js';
import type { DnsQuestion, RecordData, ResourceRecord } from './wire.js';

export const DNS_TTL_SECONDS = 5;

export interface DnsAnswer {
  rcode: number;
  /** set for names inside the cluster domain */
  authoritative: boolean;
  answers: ResourceRecord[];
  /** the zone's SOA on negative answers, so resolvers may cache them for the TTL */
  authorities: ResourceRecord[];
  additionals: ResourceRecord[];
}

export interface DnsZone {
  /** e.g. cluster.local */
  domain: string;
  /** by namespace/name */
  services: ReadonlyMap<string, ServiceEntry>;
}

const record = (name: string, data: RecordData): ResourceRecord => ({ name, class: CLASS_IN, ttl: DNS_TTL_SECONDS, data });

function soa(domain: string): ResourceRecord {
  return record(domain, { type: 'SOA', mname: `ns.dns.${domain}`, rname: `hostmaster.${domain}`, serial: 1, refresh: 7200, retry: 1800, expire: 86400, minimum: DNS_TTL_SECONDS });
}

const answerWith = (answers: ResourceRecord[], additionals: ResourceRecord[] = []): DnsAnswer => ({ rcode: RCODE.NOERROR, authoritative: true, answers, authorities: [], additionals });

function negative(rcode: number, domain: string): DnsAnswer {
  return { rcode, authoritative: true, answers: [], authorities: [soa(domain)], additionals: [] };
}

const wantsAddress = (type: number) => type === TYPE.A || type === TYPE.ANY;

function serviceAddresses(name: string, svc: ServiceEntry): ResourceRecord[] {
  if (svc.externalName) return [record(name, { type: 'CNAME', target: svc.externalName })];
  const ips = svc.clusterIP ? [svc.clusterIP] : svc.readyIPs;
  return ips.map((address) => record(name, { type: 'A', address }));
}

function answerService(q: DnsQuestion, svc: ServiceEntry, domain: string): DnsAnswer {
  // An ExternalName's CNAME answers every address question for its name; other Services answer A only.
  const answers = svc.externalName ? ([TYPE.A, TYPE.AAAA, TYPE.CNAME, TYPE.ANY] as number[]).includes(q.type) : wantsAddress(q.type);
  return answers ? answerWith(serviceAddresses(q.name, svc)) : negative(RCODE.NOERROR, domain);
}

function answerSrv(q: DnsQuestion, svc: ServiceEntry, portLabel: string, protoLabel: string, domain: string): DnsAnswer {
  const port = svc.ports.find((p) => p.name !== '' && `_${p.name}` === portLabel && `_${p.protocol.toLowerCase()}` === protoLabel);
  if (!port || svc.externalName) return negative(RCODE.NXDOMAIN, domain);
  if (q.type !== TYPE.SRV && q.type !== TYPE.ANY) return negative(RCODE.NOERROR, domain);
  const target = `${svc.name}.${svc.namespace}.svc.${domain}`;
  return answerWith([record(q.name, { type: 'SRV', priority: 0, weight: 100, port: port.port, target })], serviceAddresses(target, svc));
}

function answerPod(q: DnsQuestion, dashed: string, domain: string): DnsAnswer {
  const address = dashed.replaceAll('-', '.');
  if (!isIpv4(address)) return negative(RCODE.NXDOMAIN, domain);
  return wantsAddress(q.type) ? answerWith([record(q.name, { type: 'A', address })]) : negative(RCODE.NOERROR, domain);
}

const hasNamespace = (zone: DnsZone, namespace: string) => [...zone.services.values()].some((s) => s.namespace === namespace);

export function answerQuestion(q: DnsQuestion, zone: DnsZone): DnsAnswer {
  const domain = zone.domain;
  const name = q.name.toLowerCase().replace(/\.$/, '');
  if (q.class !== CLASS_IN && q.class !== 255) return negative(RCODE.NXDOMAIN, domain);
  if (name !== domain && !name.endsWith(`.${domain}`)) return { rcode: RCODE.NXDOMAIN, authoritative: false, answers: [], authorities: [], additionals: [] };
  const labels = name === domain ? [] : name.slice(0, -domain.length - 1).split('.');
  const service = (svc: string, ns: string) => zone.services.get(`${ns}/${svc}`);
  const [a, b, c, d, e] = labels;
  switch (labels.length) {
    case 0: // the zone apex
      return q.type === TYPE.SOA ? answerWith([soa(domain)]) : negative(RCODE.NOERROR, domain);
    case 1: // svc.DOMAIN, pod.DOMAIN
      return a === 'svc' || a === 'pod' ? negative(RCODE.NOERROR, domain) : negative(RCODE.NXDOMAIN, domain);
    case 2: // NS.svc.DOMAIN, NS.pod.DOMAIN
      return (b === 'svc' && hasNamespace(zone, a!)) || b === 'pod' ? negative(RCODE.NOERROR, domain) : negative(RCODE.NXDOMAIN, domain);
    case 3: {
      if (c === 'pod') return answerPod(q, a!, domain);
      const svc = c === 'svc' ? service(a!, b!) : undefined;
      return svc ? answerService(q, svc, domain) : negative(RCODE.NXDOMAIN, domain);
    }
    case 5: {
      const svc = e === 'svc' ? service(c!, d!) : undefined;
      return svc ? answerSrv(q, svc, a!, b!, domain) : negative(RCODE.NXDOMAIN, domain);
    }
    default:
      return negative(RCODE.NXDOMAIN, domain);
  }
}
