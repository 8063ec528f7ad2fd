import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../status/api-types.js';
import { buildContainerLaunch } from './container-launch.js';

const environment = { environment: () => ({}), expandCommand: (c: string[], a: string[]) => [...c, ...a] };
const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u' }, spec: { containers: [] } };

function launch(resources?: Container['resources']) {
  return buildContainerLaunch('/tmp/kubelet-test', environment, pod, { name: 'main', command: ['true'], ...(resources ? { resources } : {}) }, 0);
}

describe('buildContainerLaunch: memory limit', () => {
  it('passes resources.limits.memory in bytes', () => {
    expect(launch({ limits: { memory: '32Mi' } }).memoryLimitBytes).toBe(32 * 1024 * 1024);
    expect(launch({ limits: { memory: '1G' } }).memoryLimitBytes).toBe(1e9);
  });

  it('sets no limit without one (requests alone do not limit)', () => {
    expect(launch()).not.toHaveProperty('memoryLimitBytes');
    expect(launch({ requests: { memory: '64Mi' } })).not.toHaveProperty('memoryLimitBytes');
    expect(launch({ limits: { cpu: '1' } })).not.toHaveProperty('memoryLimitBytes');
  });
});
