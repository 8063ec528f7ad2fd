import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from './api-types.js';
import { generatePodConditions } from './pod-conditions.js';

const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'a' }, { name: 'b' }] } };
const status = (name: string, ready: boolean, running = true): ContainerStatus => ({
  name,
  ready,
  restartCount: 0,
  image: '',
  imageID: '',
  state: running ? { running: { startedAt: 't' } } : { waiting: { reason: 'PodInitializing' } },
});

describe('generatePodConditions', () => {
  it('reports init and readiness with the kubelet reasons and messages, in its order', () => {
    const conditions = generatePodConditions({
      pod,
      initStatuses: [status('init', false)],
      statuses: [status('a', false, false), status('b', false, false)],
      phase: 'Pending',
      sandboxReady: true,
      previous: [],
      now: '2026-11-22T20:00:00Z',
    });
    expect(conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['PodReadyToStartContainers', 'True', undefined, undefined],
      ['Initialized', 'False', 'ContainersNotInitialized', 'containers with incomplete status: [init]'],
      ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [a b]'],
      ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [a b]'],
      ['PodScheduled', 'True', undefined, undefined],
    ]);
  });

  it('moves lastTransitionTime only when the status changes', () => {
    const base = { pod, initStatuses: [{ ...status('init', true), state: { terminated: { exitCode: 0 } } }], phase: 'Running' as const, sandboxReady: true };
    const first = generatePodConditions({ ...base, statuses: [status('a', true), status('b', false)], previous: [], now: 'T1' });
    const second = generatePodConditions({ ...base, statuses: [status('a', true), status('b', true)], previous: first, now: 'T2' });
    const byType = (list: typeof first, type: string) => list.find((c) => c.type === type);
    expect(byType(second, 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: 'T2' });
    expect(byType(second, 'Initialized')).toMatchObject({ status: 'True', lastTransitionTime: 'T1' });
  });

  it('says PodCompleted / PodFailed for finished pods', () => {
    const done = (phase: 'Succeeded' | 'Failed') =>
      generatePodConditions({ pod, initStatuses: [status('init', true)], statuses: [status('a', false), status('b', false)], phase, sandboxReady: false, previous: [], now: 'T' });
    expect(done('Succeeded').find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(done('Failed').find((c) => c.type === 'ContainersReady')).toMatchObject({ status: 'False', reason: 'PodFailed' });
  });
});
