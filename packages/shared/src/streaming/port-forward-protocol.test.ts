import { describe, expect, it } from 'vitest';
import { encodePortPrefix, maskSpdyTunnelOffer, negotiatePortForwardProtocol, SPDY_TUNNEL_STAND_IN, parsePortForwardPorts, portForwardDataChannel, portForwardErrorChannel } from './port-forward-protocol.js';

describe('port-forward protocol', () => {
  it('answers v4 binary framing, or no subprotocol when none is offered', () => {
    expect(negotiatePortForwardProtocol(['v5.channel.k8s.io', 'v4.channel.k8s.io', 'channel.k8s.io'])).toBe('v4.channel.k8s.io');
    expect(negotiatePortForwardProtocol(undefined)).toBe('');
    expect(negotiatePortForwardProtocol('')).toBe('');
    expect(negotiatePortForwardProtocol(['v5.channel.k8s.io'])).toBeUndefined();
    expect(negotiatePortForwardProtocol(['SPDY/3.1+portforward.k8s.io'])).toBe('SPDY/3.1+portforward.k8s.io');
    const headers = { 'sec-websocket-protocol': 'SPDY/3.1+portforward.k8s.io' };
    maskSpdyTunnelOffer(headers);
    expect(headers['sec-websocket-protocol']).toBe(SPDY_TUNNEL_STAND_IN);
    expect(negotiatePortForwardProtocol(new Set([SPDY_TUNNEL_STAND_IN]))).toBe('SPDY/3.1+portforward.k8s.io');
  });

  it('numbers two channels per port and prefixes them with the port, little-endian', () => {
    expect([portForwardDataChannel(0), portForwardErrorChannel(0), portForwardDataChannel(1), portForwardErrorChannel(1)]).toEqual([0, 1, 2, 3]);
    expect([...encodePortPrefix(8080)]).toEqual([0x90, 0x1f]);
  });

  it('parses repeated and comma-separated ports with the kubelet wording for bad ones', () => {
    expect(parsePortForwardPorts(['80', '8080,9090'])).toEqual([80, 8080, 9090]);
    expect(() => parsePortForwardPorts([])).toThrow('query parameter "port" is required');
    expect(() => parsePortForwardPorts([''], 'ports')).toThrow('query parameter "ports" cannot be empty');
    expect(() => parsePortForwardPorts(['0'])).toThrow('port "0" must be > 0');
    expect(() => parsePortForwardPorts(['x'])).toThrow('unable to parse "x" as a port');
    expect(() => parsePortForwardPorts(['70000'])).toThrow('value out of range');
  });
});
