import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { dnsQuery } from '../proxy-harness.test-support.js';
import { DnsServer } from './dns-server.js';
import { CLASS_IN, TYPE, decodeMessage, encodeMessage } from './wire.js';

let server: DnsServer;

beforeEach(async () => {
  const services = new Map([['default/web', { namespace: 'default', name: 'web', clusterIP: '10.130.0.5', ports: [], readyIPs: [] }]]);
  server = new DnsServer({ address: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }), zone: () => ({ domain: 'cluster.local', services }) });
  await server.start();
});

afterEach(() => server.stop());

const frame = (id: number, name: string) => {
  const msg = encodeMessage({
    id,
    flags: { response: false, opcode: 0, authoritative: false, truncated: false, recursionDesired: true, recursionAvailable: false, rcode: 0 },
    questions: [{ name, type: TYPE.A, class: CLASS_IN }],
    answers: [],
    authorities: [],
    additionals: [],
  });
  const length = Buffer.alloc(2);
  length.writeUInt16BE(msg.length);
  return Buffer.concat([length, msg]);
};

describe('DnsServer', () => {
  it('answers over UDP', async () => {
    const { answer } = await dnsQuery('127.0.0.1', server.port, 'web.default.svc.cluster.local', TYPE.A);
    expect(answer.answers.map((a) => a.data)).toEqual([{ type: 'A', address: '10.130.0.5' }]);
  });

  it('answers several length-prefixed queries on one TCP connection, however they are split', async () => {
    const socket = net.connect({ host: '127.0.0.1', port: server.port });
    const bytes = Buffer.concat([frame(1, 'web.default.svc.cluster.local'), frame(2, 'nope.default.svc.cluster.local')]);
    socket.write(bytes.subarray(0, 5));
    setTimeout(() => socket.end(bytes.subarray(5)), 20);
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    const all = Buffer.concat(chunks);
    const first = all.readUInt16BE(0);
    const answers = [decodeMessage(all.subarray(2, 2 + first)), decodeMessage(all.subarray(4 + first))];
    expect(answers.map((a) => [a.id, a.flags.rcode, a.answers.length])).toEqual([[1, 0, 1], [2, 3, 0]]);
  });
});
