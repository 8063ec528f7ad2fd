// The cluster DNS server: UDP and TCP on one address, port 53, answering from the zone of the
// moment (a function, so every query sees the latest Services). A UDP answer over 512 bytes (a
// headless Service with many endpoints) is sent truncated, and the client retries over TCP.
import dgram from 'node:dgram';
import net from 'node:net';
import type { Logger } from 'pino';
import { whenListening } from '../listen.js';
import { answerQuestion } from './records.js';
import type { DnsZone } from './records.js';
import { DnsFormatError, RCODE, decodeMessage, encodeMessage, peekId } from './wire.js';
import type { DnsMessage } from './wire.js';

export const UDP_MAX_ANSWER_BYTES = 512;
const TCP_IDLE_TIMEOUT_MS = 10_000;

function reply(id: number, query: DnsMessage | undefined, rcode: number, body: Partial<DnsMessage> = {}, authoritative = false): DnsMessage {
  return {
    id,
    flags: {
      response: true,
      opcode: query?.flags.opcode ?? 0,
      authoritative,
      truncated: false,
      recursionDesired: query?.flags.recursionDesired ?? false,
      // Every question gets a final answer here (there is nothing to recurse to); saying so keeps
      // stub resolvers from warning that recursion is unavailable.
      recursionAvailable: true,
      rcode,
    },
    questions: query?.questions ?? [],
    answers: [],
    authorities: [],
    additionals: [],
    ...body,
  };
}

/** The wire answer to one wire query; undefined for messages that get no answer (responses, garbage). */
export function respond(packet: Buffer, zone: DnsZone, maxBytes = Infinity): Buffer | undefined {
  let query: DnsMessage;
  try {
    query = decodeMessage(packet);
  } catch (err) {
    const id = peekId(packet);
    if (!(err instanceof DnsFormatError) || id === undefined || packet.length < 12) return undefined;
    return encodeMessage(reply(id, undefined, RCODE.FORMERR));
  }
  if (query.flags.response) return undefined;
  if (query.flags.opcode !== 0) return encodeMessage(reply(query.id, query, RCODE.NOTIMP));
  const question = query.questions[0];
  if (!question || query.questions.length !== 1) return encodeMessage(reply(query.id, query, RCODE.FORMERR));
  const answer = answerQuestion(question, zone);
  const full = reply(query.id, query, answer.rcode, { answers: answer.answers, authorities: answer.authorities, additionals: answer.additionals }, answer.authoritative);
  const wire = encodeMessage(full);
  if (wire.length <= maxBytes) return wire;
  return encodeMessage({ ...full, flags: { ...full.flags, truncated: true }, answers: [], authorities: [], additionals: [] });
}

export interface DnsServerOptions {
  address: string;
  /** 53 unless a test asks for another (0 picks a free one, shared by UDP and TCP) */
  port?: number;
  zone: () => DnsZone;
  logger: Logger;
}

export class DnsServer {
  private readonly udp = dgram.createSocket({ type: 'udp4' });
  private readonly tcp: net.Server;
  private readonly connections = new Set<net.Socket>();
  private tcpListening = false;
  private stopped = false;

  constructor(private readonly opts: DnsServerOptions) {
    this.udp.on('message', (packet, rinfo) => {
      const answer = this.answer(packet, UDP_MAX_ANSWER_BYTES);
      if (answer) this.udp.send(answer, rinfo.port, rinfo.address);
    });
    this.udp.on('error', (err) => opts.logger.warn({ err: err.message }, 'dns udp socket error'));
    this.tcp = net.createServer({ noDelay: true }, (socket) => this.serveTcp(socket));
    this.tcp.on('error', (err) => opts.logger.warn({ err: err.message }, 'dns tcp listener error'));
  }

  /** The UDP port (the TCP listener shares it). */
  get port(): number {
    return this.udp.address().port;
  }

  /** Binds UDP (required) and TCP on the same port (a failure there is only logged). */
  async start(): Promise<void> {
    await whenListening(this.udp, () => this.udp.bind({ address: this.opts.address, port: this.opts.port ?? 53, exclusive: true }));
    try {
      await whenListening(this.tcp, () => this.tcp.listen({ host: this.opts.address, port: this.port, exclusive: true }));
      this.tcpListening = true;
    } catch (err) {
      this.opts.logger.warn({ address: this.opts.address, port: this.port, err: (err as Error).message }, 'dns over tcp unavailable');
    }
    this.opts.logger.info({ address: this.opts.address, port: this.port, domain: this.opts.zone().domain }, 'dns listening');
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const socket of this.connections) socket.destroy();
    await Promise.all([
      new Promise<void>((resolve) => this.udp.close(() => resolve())),
      this.tcpListening ? new Promise<void>((resolve) => this.tcp.close(() => resolve())) : Promise.resolve(),
    ]);
  }

  private answer(packet: Buffer, maxBytes: number): Buffer | undefined {
    try {
      return respond(packet, this.opts.zone(), maxBytes);
    } catch (err) {
      this.opts.logger.warn({ err: (err as Error).message }, 'dns query failed');
      return undefined;
    }
  }

  /** RFC 1035 §4.2.2: each message behind a 2-byte length; several queries per connection. */
  private serveTcp(socket: net.Socket): void {
    this.connections.add(socket);
    socket.setTimeout(TCP_IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('close', () => this.connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const length = pending.readUInt16BE(0);
        if (pending.length < 2 + length) break;
        const answer = this.answer(pending.subarray(2, 2 + length), 65535);
        pending = pending.subarray(2 + length);
        if (!answer) continue;
        const prefix = Buffer.alloc(2);
        prefix.writeUInt16BE(answer.length);
        socket.write(Buffer.concat([prefix, answer]));
      }
    });
  }
}
