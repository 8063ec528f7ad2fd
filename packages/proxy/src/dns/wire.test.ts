import { describe, expect, it } from 'vitest';
import { CLASS_IN, DnsFormatError, TYPE, decodeMessage, encodeMessage } from './wire.js';
import type { DnsMessage } from './wire.js';

const flags = { response: true, opcode: 0, authoritative: true, truncated: false, recursionDesired: true, recursionAvailable: true, rcode: 0 };

describe('DNS wire format', () => {
  it('round-trips a message with every decoded record type and raw data', () => {
    const msg: DnsMessage = {
      id: 0xbeef,
      flags,
      questions: [{ name: '_http._tcp.web.default.svc.cluster.local', type: TYPE.SRV, class: CLASS_IN }],
      answers: [
        { name: '_http._tcp.web.default.svc.cluster.local', class: CLASS_IN, ttl: 5, data: { type: 'SRV', priority: 0, weight: 100, port: 80, target: 'web.default.svc.cluster.local' } },
        { name: 'ext.default.svc.cluster.local', class: CLASS_IN, ttl: 5, data: { type: 'CNAME', target: 'example.org' } },
      ],
      authorities: [
        { name: 'cluster.local', class: CLASS_IN, ttl: 5, data: { type: 'SOA', mname: 'ns.dns.cluster.local', rname: 'hostmaster.cluster.local', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 } },
      ],
      additionals: [
        { name: 'web.default.svc.cluster.local', class: CLASS_IN, ttl: 5, data: { type: 'A', address: '10.130.0.5' } },
        { name: '', class: 1232, ttl: 0, data: { type: TYPE.OPT, rdata: Buffer.alloc(0) } },
      ],
    };
    expect(decodeMessage(encodeMessage(msg))).toEqual(msg);
  });

  it('compresses repeated names on encode, case-insensitively', () => {
    const name = 'web.default.svc.cluster.local';
    const msg: DnsMessage = {
      id: 1,
      flags,
      questions: [{ name: 'WEB.default.svc.cluster.local', type: TYPE.A, class: CLASS_IN }],
      answers: [1, 2, 3].map((n) => ({ name, class: CLASS_IN, ttl: 5, data: { type: 'A' as const, address: `10.0.0.${n}` } })),
      authorities: [],
      additionals: [],
    };
    const wire = encodeMessage(msg);
    // header 12 + question (31-byte name + 4) + 3 answers of (2-byte pointer + 10 + 4)
    expect(wire.length).toBe(12 + 35 + 3 * 16);
    expect(decodeMessage(wire).answers.map((a) => a.name)).toEqual(['WEB.default.svc.cluster.local', 'WEB.default.svc.cluster.local', 'WEB.default.svc.cluster.local']);
  });

  it('decodes a query as a stub resolver sends it (dig-style bytes, with an EDNS OPT record)', () => {
    const query = Buffer.from(
      '1234 0120 0001 0000 0000 0001 03776562 0764656661756c74 03737663 07636c7573746572 056c6f63616c 00 0001 0001 00 0029 04d0 00000000 0000'.replace(/ /g, ''),
      'hex',
    );
    const msg = decodeMessage(query);
    expect(msg.id).toBe(0x1234);
    expect(msg.flags).toMatchObject({ response: false, recursionDesired: true, opcode: 0 });
    expect(msg.questions).toEqual([{ name: 'web.default.svc.cluster.local', type: TYPE.A, class: CLASS_IN }]);
    expect(msg.additionals[0]).toMatchObject({ name: '', class: 1232, data: { type: TYPE.OPT } });
  });

  it('rejects truncated messages and pointer loops', () => {
    expect(() => decodeMessage(Buffer.from('1234', 'hex'))).toThrow(DnsFormatError);
    const loop = Buffer.from('0001 0000 0001 0000 0000 0000 c00c 0001 0001'.replace(/ /g, ''), 'hex');
    expect(() => decodeMessage(loop)).toThrow(/compression loop/);
    const pastEnd = Buffer.from('0001 0000 0001 0000 0000 0000 05616263'.replace(/ /g, ''), 'hex');
    expect(() => decodeMessage(pastEnd)).toThrow(DnsFormatError);
  });
});
