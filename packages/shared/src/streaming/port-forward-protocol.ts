// The port-forward WebSocket protocol (kubelet pkg/kubelet/cri/streaming/portforward/websocket.go):
// `?port=N` (the API server's `?ports=N`, repeatable or comma-separated), two channels per port in
// order (data 2*i, error 2*i+1), channel-framed like exec under v4.channel.k8s.io (or no
// subprotocol at all). The server's first frame on each channel is the port as uint16
// little-endian; the client sends only data. One WebSocket is one forwarded connection per port.
// Real kubectl instead tunnels SPDY/3.1 in the WebSocket (spdy-session.ts); ports travel in
// its stream headers, not in the query.
import { STREAM_PROTOCOL_V4 } from './channel-protocol.js';

/** What real kubectl (1.31+) offers: SPDY/3.1 tunnelled in WebSocket binary messages. */
export const SPDY_PORT_FORWARD_TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';

/**
 * ws (our WebSocket library) accepts only RFC 6455 tokens as offered subprotocols and '/' is not
 * one, so a server swaps the SPDY tunnel's name in the request for this stand-in before the
 * handshake (maskSpdyTunnelOffer) and answers with the real name.
 */
export const SPDY_TUNNEL_STAND_IN = 'kctl.spdy-tunnel.portforward.k8s.io';

export function maskSpdyTunnelOffer(headers: { 'sec-websocket-protocol'?: string | undefined }): void {
  const offered = headers['sec-websocket-protocol'];
  if (offered?.includes(SPDY_PORT_FORWARD_TUNNEL_PROTOCOL)) headers['sec-websocket-protocol'] = offered.split(SPDY_PORT_FORWARD_TUNNEL_PROTOCOL).join(SPDY_TUNNEL_STAND_IN);
}

/** '' is "no subprotocol": the kubelet accepts a client that offers none. */
export type PortForwardProtocol = typeof STREAM_PROTOCOL_V4 | typeof SPDY_PORT_FORWARD_TUNNEL_PROTOCOL | '';

/** The subprotocol to answer with (channel framing first); undefined when the client offers only ones we do not speak. */
export function negotiatePortForwardProtocol(offered: Iterable<string> | string | undefined): PortForwardProtocol | undefined {
  const list = (offered === undefined ? [] : typeof offered === 'string' ? offered.split(',') : [...offered]).map((p) => p.trim()).filter(Boolean);
  if (list.length === 0) return '';
  if (list.includes(STREAM_PROTOCOL_V4)) return STREAM_PROTOCOL_V4;
  return list.includes(SPDY_PORT_FORWARD_TUNNEL_PROTOCOL) || list.includes(SPDY_TUNNEL_STAND_IN) ? SPDY_PORT_FORWARD_TUNNEL_PROTOCOL : undefined;
}

export function portForwardDataChannel(index: number): number {
  return index * 2;
}

export function portForwardErrorChannel(index: number): number {
  return index * 2 + 1;
}

/** The first payload on both of a port's channels. */
export function encodePortPrefix(port: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16LE(port);
  return bytes;
}

/**
 * Ports from the query values (each may be a comma-separated list), with the kubelet's wording
 * (NewV4Options) for what it refuses. PARAM names the query parameter in messages.
 */
export function parsePortForwardPorts(values: readonly string[], param = 'port'): number[] {
  if (values.length === 0) throw new Error(`query parameter "${param}" is required`);
  const ports: number[] = [];
  for (const value of values) {
    if (value.length === 0) throw new Error(`query parameter "${param}" cannot be empty`);
    for (const part of value.split(',')) {
      const port = /^\d+$/.test(part) ? Number(part) : NaN;
      if (!Number.isInteger(port) || port > 65535) throw new Error(`unable to parse "${value}" as a port: strconv.ParseUint: parsing "${part}": ${Number.isNaN(port) ? 'invalid syntax' : 'value out of range'}`);
      if (port < 1) throw new Error(`port "${value}" must be > 0`);
      ports.push(port);
    }
  }
  return ports;
}
