import { describe, expect, it } from 'vitest';
import { clusterNodeNames, nodeNameFromHostname } from './node-names.js';

describe('node names', () => {
  it('uses the host name, made a valid DNS-1123 subdomain', () => {
    expect(nodeNameFromHostname('vm')).toBe('vm');
    expect(nodeNameFromHostname('Dev_Box.Local')).toBe('dev-box.local');
    expect(nodeNameFromHostname('-odd-.name.')).toBe('odd.name');
    expect(nodeNameFromHostname('__')).toBe('kctl-node');
    expect(nodeNameFromHostname('a'.repeat(300))).toHaveLength(240);
  });

  it('keeps the first node named after the host and numbers the others from 2', () => {
    expect(clusterNodeNames(0, 'vm')).toEqual([]);
    expect(clusterNodeNames(1, 'vm')).toEqual(['vm']);
    expect(clusterNodeNames(3, 'vm')).toEqual(['vm', 'vm-2', 'vm-3']);
  });
});
