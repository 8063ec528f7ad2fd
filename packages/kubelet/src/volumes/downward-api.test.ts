import { describe, expect, it } from 'vitest';
import type { Container, Pod } from './api-objects.js';
import { containerResourceValue, formatMap, podFieldValue } from './downward-api.js';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'shop', uid: 'u-1', labels: { app: 'web', tier: 'front' }, annotations: { note: 'say "hi"\n' } },
  spec: { nodeName: 'node-1', serviceAccountName: 'builder', containers: [] },
};
const addresses = { podIp: '10.1.0.7', podIps: ['10.1.0.7', 'fd00::7'], hostIp: '192.168.0.2' };

describe('podFieldValue', () => {
  it.each([
    ['metadata.name', 'web'],
    ['metadata.namespace', 'shop'],
    ['metadata.uid', 'u-1'],
    ["metadata.labels['app']", 'web'],
    ["metadata.labels['missing']", ''],
    ["metadata.annotations['note']", 'say "hi"\n'],
    ['spec.nodeName', 'node-1'],
    ['spec.serviceAccountName', 'builder'],
    ['status.hostIP', '192.168.0.2'],
    ['status.hostIPs', '192.168.0.2'],
    ['status.podIP', '10.1.0.7'],
    ['status.podIPs', '10.1.0.7,fd00::7'],
  ])('%s', (fieldPath, expected) => {
    expect(podFieldValue(pod, { fieldPath }, addresses)).toBe(expected);
  });

  it('formats whole label and annotation maps like fieldpath.FormatMap (sorted, Go-quoted)', () => {
    expect(podFieldValue(pod, { fieldPath: 'metadata.labels' })).toBe('app="web"\ntier="front"');
    expect(formatMap({ note: 'say "hi"\n', a: 'tab\there' })).toBe('a="tab\\there"\nnote="say \\"hi\\"\\n"');
  });

  it('refuses status fields without addresses (volumes) and unknown paths', () => {
    expect(() => podFieldValue(pod, { fieldPath: 'status.podIP' })).toThrow('unsupported fieldPath: status.podIP');
    expect(() => podFieldValue(pod, { fieldPath: 'spec.hostname' }, addresses)).toThrow('unsupported fieldPath: spec.hostname');
  });
});

describe('containerResourceValue', () => {
  const node = { cpu: '4', memory: '8Gi', ephemeralStorage: '100Gi' };
  const container: Container = { name: 'c', resources: { limits: { cpu: '250m', memory: '64Mi' }, requests: { cpu: '1500m', memory: '32Mi' } } };
  const value = (resource: string, divisor?: string, c = container) => containerResourceValue({ resource, ...(divisor ? { divisor } : {}) }, c, node);

  it('rounds cpu up to whole cores with the default divisor, like Kubernetes', () => {
    expect(value('limits.cpu')).toBe('1');
    expect(value('requests.cpu')).toBe('2');
    expect(value('limits.cpu', '1m')).toBe('250');
    expect(value('requests.cpu', '100m')).toBe('15');
  });

  it('reports memory in bytes or divisor units, rounded up', () => {
    expect(value('limits.memory')).toBe(String(64 * 1024 * 1024));
    expect(value('limits.memory', '1Mi')).toBe('64');
    expect(value('requests.memory', '1G')).toBe('1');
  });

  it('uses the node allocatable for a limit the container does not set; a missing request is 0', () => {
    const bare: Container = { name: 'c' };
    expect(value('limits.cpu', undefined, bare)).toBe('4');
    expect(value('limits.memory', '1Gi', bare)).toBe('8');
    expect(value('limits.ephemeral-storage', '1Gi', bare)).toBe('100');
    expect(value('requests.cpu', undefined, bare)).toBe('0');
    expect(value('requests.memory', undefined, bare)).toBe('0');
  });

  it('refuses resources it does not know', () => {
    expect(() => value('limits.gpu')).toThrow('unsupported container resource : limits.gpu');
  });
});
