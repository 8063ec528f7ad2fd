import { describe, expect, it } from 'vitest';
import type { Container } from '../status/api-types.js';
import { cgroupResources } from './cgroup-resources.js';

const withResources = (resources: Container['resources']): Container => ({ name: 'c', ...(resources ? { resources } : {}) });

describe('cgroupResources', () => {
  it('converts limits.memory to bytes, limits.cpu to a quota per 100 ms and requests.cpu to shares', () => {
    expect(cgroupResources(withResources({ limits: { memory: '64Mi', cpu: '500m' }, requests: { cpu: '250m' } }))).toEqual({
      memoryLimitBytes: 64 * 1024 * 1024,
      cpuQuotaMicros: 50_000,
      cpuShares: 256,
    });
    expect(cgroupResources(withResources({ limits: { cpu: '2' }, requests: { cpu: 1.5 } }))).toEqual({ cpuQuotaMicros: 200_000, cpuShares: 1536 });
  });

  it('has no limits without resources, and none for unparsable or zero values', () => {
    expect(cgroupResources(withResources(undefined))).toEqual({});
    expect(cgroupResources(withResources({ limits: { memory: 'lots', cpu: '0' }, requests: { cpu: '0' } }))).toEqual({});
  });

  it('keeps the kernel minimums: 2 shares, a 1 ms quota', () => {
    expect(cgroupResources(withResources({ limits: { cpu: '1m' }, requests: { cpu: '1m' } }))).toEqual({ cpuQuotaMicros: 1000, cpuShares: 2 });
  });

  it('takes the cpu limit as the request when the request is missing, as API defaulting would', () => {
    expect(cgroupResources(withResources({ limits: { cpu: '100m' } }))).toEqual({ cpuQuotaMicros: 10_000, cpuShares: 102 });
  });

  it('rounds fractions of a millicore up, as MilliValue does', () => {
    expect(cgroupResources(withResources({ requests: { cpu: '0.0005' } }))).toEqual({ cpuShares: 2 });
    expect(cgroupResources(withResources({ limits: { cpu: '1.0015' } }))).toEqual({ cpuQuotaMicros: 100_200, cpuShares: 1026 });
  });
});
