import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiFixture } from '../test-support/api-fixture.test-support.js';
import type { ApiFixture } from '../test-support/api-fixture.test-support.js';

let api: ApiFixture;
beforeEach(async () => {
  api = await apiFixture();
});
afterEach(async () => {
  await api.close();
});

const SERVICES = '/api/v1/namespaces/default/services';

function service(name: string, spec: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}

function inRange(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number);
  return a === 10 && b === 96 && ip !== '10.96.0.0' && ip !== '10.96.0.1' && ip !== '10.96.255.255';
}

describe('service ClusterIP and NodePort allocation', () => {
  it('gives every Service its own ClusterIP from the range, even when created at once', async () => {
    const created = await Promise.all(Array.from({ length: 30 }, (_, i) => api.call('POST', SERVICES, service(`s${i}`))));
    const ips = created.map((r) => r.body.spec.clusterIP as string);
    expect(created.every((r) => r.status === 201)).toBe(true);
    expect(ips.every(inRange)).toBe(true);
    expect(new Set(ips).size).toBe(30);
    expect(created[0]?.body.spec.clusterIPs).toEqual([ips[0]]);
  });

  it('allocates NodePorts in 30000-32767 and refuses a taken or out-of-range one', async () => {
    const first = await api.call('POST', SERVICES, service('np', { type: 'NodePort', ports: [{ port: 80, name: 'http' }, { port: 443, name: 'tls' }] }));
    const [a, b] = first.body.spec.ports.map((p: { nodePort: number }) => p.nodePort);
    expect(a).toBeGreaterThanOrEqual(30000);
    expect(b).toBeLessThanOrEqual(32767);
    expect(a).not.toBe(b);
    const taken = await api.call('POST', SERVICES, service('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: a }] }));
    expect(taken.status).toBe(422);
    expect(taken.body.message).toBe(`Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: ${a}: provided port is already allocated`);
    const outside = await api.call('POST', SERVICES, service('np3', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }));
    expect(outside.status).toBe(422);
    expect(outside.body.message).toContain('provided port is not in the valid range. The range of valid ports is 30000-32767');
  });

  it('honours a requested ClusterIP once, and refuses it a second time or outside the range', async () => {
    expect((await api.call('POST', SERVICES, service('fixed', { clusterIP: '10.96.7.7' }))).body.spec.clusterIP).toBe('10.96.7.7');
    const again = await api.call('POST', SERVICES, service('fixed2', { clusterIP: '10.96.7.7' }));
    expect(again.status).toBe(422);
    expect(again.body.message).toContain('failed to allocate IP 10.96.7.7: provided IP is already allocated');
    const outside = await api.call('POST', SERVICES, service('fixed3', { clusterIP: '192.168.1.1' }));
    expect(outside.status).toBe(422);
    expect(outside.body.message).toContain('The range of valid IPs is 10.96.0.0/16');
  });

  it('gives headless and ExternalName Services no ClusterIP, and keeps the IP through updates', async () => {
    expect((await api.call('POST', SERVICES, service('headless', { clusterIP: 'None' }))).body.spec.clusterIP).toBe('None');
    const external = await api.call('POST', SERVICES, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    expect(external.body.spec.clusterIP).toBeUndefined();
    const plain = (await api.call('POST', SERVICES, service('grow'))).body;
    const patched = await api.call('PATCH', `${SERVICES}/grow`, { spec: { type: 'NodePort' } }, { 'content-type': 'application/merge-patch+json' });
    expect(patched.status).toBe(200);
    expect(patched.body.spec.clusterIP).toBe(plain.spec.clusterIP);
    expect(patched.body.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
  });

  it("frees a deleted Service's address for the next one", async () => {
    await api.call('POST', SERVICES, service('old', { clusterIP: '10.96.9.9' }));
    await api.call('DELETE', `${SERVICES}/old`);
    expect((await api.call('POST', SERVICES, service('new', { clusterIP: '10.96.9.9' }))).status).toBe(201);
  });
});
