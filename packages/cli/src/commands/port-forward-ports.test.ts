import { describe, expect, it } from 'vitest';
import { parseForwardedPorts, resolvePodPorts, resolveServicePorts, splitPort } from './port-forward-ports.js';

const pod = { metadata: { name: 'web' }, spec: { containers: [{ ports: [{ name: 'http', containerPort: 8080 }] }] } };

describe('port-forward ports', () => {
  it('parses [LOCAL:]REMOTE with an empty LOCAL for any free port', () => {
    expect(parseForwardedPorts(['8080', ':80', '18080:80'].map(splitPort))).toEqual([
      { local: 8080, remote: 8080 },
      { local: 0, remote: 80 },
      { local: 18080, remote: 80 },
    ]);
  });

  it('refuses bad ports with kubectl wording', () => {
    expect(() => splitPort('1:2:3')).toThrow("invalid port format '1:2:3'");
    expect(() => parseForwardedPorts([splitPort('x:80')])).toThrow(`Error parsing local port 'x': strconv.ParseUint: parsing "x": invalid syntax`);
    expect(() => parseForwardedPorts([splitPort('80:70000')])).toThrow(`Error parsing remote port '70000': strconv.ParseUint: parsing "70000": value out of range`);
    expect(() => parseForwardedPorts([splitPort('0')])).toThrow('Remote port must be > 0');
  });

  it("resolves a pod's named port", () => {
    expect(resolvePodPorts([splitPort('9000:http'), splitPort('http')], pod)).toEqual([
      { local: '9000', remote: '8080' },
      { local: '8080', remote: '8080' },
    ]);
    expect(() => resolvePodPorts([splitPort('grpc')], pod)).toThrow("Pod 'web' does not have a named port 'grpc'");
  });

  it("maps a Service's port to its targetPort (number, name or defaulted)", () => {
    const service = { metadata: { name: 'web' }, spec: { ports: [{ port: 80, targetPort: 'http' }, { port: 81, targetPort: 9091 }, { port: 82 }] } };
    expect(resolveServicePorts(['18080:80', ':81', '82'].map(splitPort), service, pod)).toEqual([
      { local: '18080', remote: '8080' },
      { local: '', remote: '9091' },
      { local: '82', remote: '82' },
    ]);
    expect(() => resolveServicePorts([splitPort('83')], service, pod)).toThrow('Service web does not have a service port 83');
  });
});
