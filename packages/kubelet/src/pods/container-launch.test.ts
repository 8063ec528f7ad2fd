import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../status/api-types.js';
import { buildContainerLaunch } from './container-launch.js';

const environment = { environment: () => ({}), expandCommand: (c: string[], a: string[]) => [...c, ...a] };
const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u' }, spec: { containers: [] } };

function launch(resources?: Container['resources']) {
  return buildContainerLaunch('/tmp/kubelet-test', environment, pod, { name: 'main', command: ['true'], ...(resources ? { resources } : {}) }, 0);
}

describe('buildContainerLaunch: memory limit', () => {
  it('passes resources.limits.memory in bytes', async () => {
    expect((await launch({ limits: { memory: '32Mi' } })).memoryLimitBytes).toBe(32 * 1024 * 1024);
    expect((await launch({ limits: { memory: '1G' } })).memoryLimitBytes).toBe(1e9);
  });

  it('sets no limit without one (requests alone do not limit)', async () => {
    expect(await launch()).not.toHaveProperty('memoryLimitBytes');
    expect(await launch({ requests: { memory: '64Mi' } })).not.toHaveProperty('memoryLimitBytes');
    expect(await launch({ limits: { cpu: '1' } })).not.toHaveProperty('memoryLimitBytes');
  });
});

describe('buildContainerLaunch: environment', () => {
  it('hands the environment the launch context, else the addresses in the pod status', async () => {
    const seen: unknown[] = [];
    const recording = { environment: async (_p: Pod, _c: Container, context: unknown) => (seen.push(context), { A: '1' }), expandCommand: (c: string[]) => c };
    const withStatus: Pod = { ...pod, status: { podIP: '10.0.0.5', hostIP: '192.168.1.2' } };
    const container = { name: 'main', command: ['true'] };
    expect((await buildContainerLaunch('/r', recording, withStatus, container, 0)).env).toEqual({ A: '1' });
    await buildContainerLaunch('/r', recording, withStatus, container, 0, { podIp: '1.1.1.1', podIps: ['1.1.1.1'], hostIp: '2.2.2.2' });
    expect(seen).toEqual([
      { podIp: '10.0.0.5', podIps: ['10.0.0.5'], hostIp: '192.168.1.2' },
      { podIp: '1.1.1.1', podIps: ['1.1.1.1'], hostIp: '2.2.2.2' },
    ]);
  });

  it('refuses a container without a command', async () => {
    await expect(buildContainerLaunch('/r', environment, pod, { name: 'main' }, 0)).rejects.toThrow(/has no command/);
  });
});
