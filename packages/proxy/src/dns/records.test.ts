import { describe, expect, it } from 'vitest';
import type { ServiceEntry } from '../service-table.js';
import { respond } from './dns-server.js';
import { answerQuestion } from './records.js';
import type { DnsZone } from './records.js';
import { CLASS_IN, RCODE, TYPE, decodeMessage, encodeMessage } from './wire.js';

const entry = (e: Partial<ServiceEntry> & Pick<ServiceEntry, 'name'>): ServiceEntry => ({ namespace: 'default', ports: [], readyIPs: [], ...e });
const zone: DnsZone = {
  domain: 'cluster.local',
  services: new Map(
    [
      entry({ name: 'web', clusterIP: '10.130.0.5', ports: [{ name: 'http', port: 80, protocol: 'TCP' }], readyIPs: ['10.244.0.3'] }),
      entry({ name: 'db', readyIPs: ['10.244.0.7', '10.244.0.8'], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }),
      entry({ name: 'ext', externalName: 'example.org' }),
    ].map((e) => [`${e.namespace}/${e.name}`, e]),
  ),
};

const ask = (name: string, type: number = TYPE.A) => answerQuestion({ name, type, class: CLASS_IN }, zone);
const data = (name: string, type: number = TYPE.A) => ask(name, type).answers.map((a) => a.data);

describe('the cluster zone', () => {
  it('answers a Service with its ClusterIP and a headless one with its ready endpoints', () => {
    expect(ask('web.default.svc.cluster.local')).toMatchObject({ rcode: RCODE.NOERROR, authoritative: true });
    expect(data('Web.Default.svc.cluster.local.')).toEqual([{ type: 'A', address: '10.130.0.5' }]);
    expect(ask('web.default.svc.cluster.local').answers[0]).toMatchObject({ ttl: 5, name: 'web.default.svc.cluster.local' });
    expect(data('db.default.svc.cluster.local')).toEqual([{ type: 'A', address: '10.244.0.7' }, { type: 'A', address: '10.244.0.8' }]);
    expect(data('ext.default.svc.cluster.local', TYPE.AAAA)).toEqual([{ type: 'CNAME', target: 'example.org' }]);
  });

  it('answers other types of a known name with NOERROR and no records, with the SOA for caching', () => {
    const aaaa = ask('web.default.svc.cluster.local', TYPE.AAAA);
    expect(aaaa).toMatchObject({ rcode: RCODE.NOERROR, answers: [] });
    expect(aaaa.authorities[0]).toMatchObject({ name: 'cluster.local', data: { type: 'SOA', minimum: 5 } });
    expect(ask('default.svc.cluster.local')).toMatchObject({ rcode: RCODE.NOERROR, answers: [] });
    expect(ask('cluster.local', TYPE.SOA).answers).toHaveLength(1);
  });

  it('gives NXDOMAIN for unknown names, search-path expansions and names outside the domain', () => {
    for (const name of ['nope.default.svc.cluster.local', 'web.other.svc.cluster.local', 'web.default.svc.cluster.local.default.svc.cluster.local', 'default.svc.cluster.local.svc.cluster.local', 'nsless.svc.cluster.local', 'a.b.c.d.e.f.cluster.local']) {
      expect(ask(name).rcode, name).toBe(RCODE.NXDOMAIN);
    }
    expect(ask('example.org')).toEqual({ rcode: RCODE.NXDOMAIN, authoritative: false, answers: [], authorities: [], additionals: [] });
    expect(ask('10.0.130.10.in-addr.arpa', TYPE.PTR).rcode).toBe(RCODE.NXDOMAIN);
  });

  it('answers pod names from the dashed address', () => {
    expect(data('10-244-0-3.default.pod.cluster.local')).toEqual([{ type: 'A', address: '10.244.0.3' }]);
    expect(ask('10-244-0-300.default.pod.cluster.local').rcode).toBe(RCODE.NXDOMAIN);
  });

  it('answers SRV for a named port with the Service name as target and its address as additional', () => {
    const srv = ask('_http._tcp.web.default.svc.cluster.local', TYPE.SRV);
    expect(srv.answers.map((a) => a.data)).toEqual([{ type: 'SRV', priority: 0, weight: 100, port: 80, target: 'web.default.svc.cluster.local' }]);
    expect(srv.additionals.map((a) => a.data)).toEqual([{ type: 'A', address: '10.130.0.5' }]);
    expect(ask('_http._udp.web.default.svc.cluster.local', TYPE.SRV).rcode).toBe(RCODE.NXDOMAIN);
  });
});

describe('respond', () => {
  const query = (name: string, type: number = TYPE.A, id = 7) =>
    encodeMessage({ id, flags: { response: false, opcode: 0, authoritative: false, truncated: false, recursionDesired: true, recursionAvailable: false, rcode: 0 }, questions: [{ name, type, class: CLASS_IN }], answers: [], authorities: [], additionals: [] });

  it('answers on the wire with the id, question and flags', () => {
    const answer = decodeMessage(respond(query('web.default.svc.cluster.local', TYPE.A, 99), zone)!);
    expect(answer).toMatchObject({ id: 99, flags: { response: true, authoritative: true, recursionDesired: true, rcode: 0 }, questions: [{ name: 'web.default.svc.cluster.local' }] });
    expect(answer.answers).toHaveLength(1);
  });

  it('truncates an answer that does not fit, FORMERRs garbage and ignores responses', () => {
    const many = new Map(zone.services);
    many.set('default/big', entry({ name: 'big', readyIPs: Array.from({ length: 60 }, (_, i) => `10.244.1.${i}`) }));
    const truncated = decodeMessage(respond(query('big.default.svc.cluster.local'), { domain: 'cluster.local', services: many }, 512)!);
    expect(truncated.flags.truncated).toBe(true);
    expect(truncated.answers).toEqual([]);
    expect(decodeMessage(respond(query('big.default.svc.cluster.local'), { domain: 'cluster.local', services: many })!).answers).toHaveLength(60);
    const garbage = Buffer.concat([query('web.default.svc.cluster.local').subarray(0, 14)]);
    expect(decodeMessage(respond(garbage, zone)!).flags.rcode).toBe(RCODE.FORMERR);
    const response = respond(query('web.default.svc.cluster.local'), zone)!;
    expect(respond(response, zone)).toBeUndefined();
  });
});
