import { describe, expect, it } from 'vitest';
import type { KubernetesObject, Pod } from '../api/object-types.js';
import { podPrinter } from './pod-printer.js';

const now = new Date('2025-01-10T12:00:00Z');
const ago = (seconds: number): string => new Date(now.getTime() - seconds * 1000).toISOString();

type Status = NonNullable<Pod['status']>;
type ContainerStatus = NonNullable<Status['containerStatuses']>[number];

function pod(overrides: { spec?: Partial<NonNullable<Pod['spec']>>; status?: Status; metadata?: Pod['metadata'] } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', creationTimestamp: ago(300), ...overrides.metadata },
    spec: { containers: [{ name: 'c0', image: 'nginx' }], ...overrides.spec },
    status: overrides.status ?? { phase: 'Pending' },
  };
}

function status(name: string, state: ContainerStatus['state'], extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, image: 'img', imageID: '', ready: false, restartCount: 0, state, ...extra };
}

const running = { running: { startedAt: ago(60) } };
// The kubernetes-models interfaces have no index signature, so they need a cast to the generic object type.
const cells = (p: Pod): unknown[] => podPrinter.cells(p as KubernetesObject, now);
const rowConditions = (p: Pod): unknown => podPrinter.rowConditions?.(p as KubernetesObject);
/** READY, STATUS, RESTARTS */
const summary = (p: Pod): unknown[] => cells(p).slice(1, 4);

describe('pod READY / STATUS / RESTARTS (printer-columns.md §6)', () => {
  it('shows the phase of a pod without statuses', () => {
    expect(summary(pod())).toEqual(['0/1', 'Pending', '0']);
  });

  it('shows SchedulingGated from the PodScheduled condition', () => {
    const p = pod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } });
    expect(summary(p)).toEqual(['0/1', 'SchedulingGated', '0']);
  });

  it('shows the waiting reason of a container', () => {
    const p = pod({ status: { phase: 'Pending', containerStatuses: [status('c0', { waiting: { reason: 'ContainerCreating' } })] } });
    expect(summary(p)).toEqual(['0/1', 'ContainerCreating', '0']);
  });

  it('counts running ready containers only', () => {
    expect(summary(pod({ status: { phase: 'Running', containerStatuses: [status('c0', running, { ready: true })] } }))).toEqual(['1/1', 'Running', '0']);
    expect(summary(pod({ status: { phase: 'Running', containerStatuses: [status('c0', running)] } }))).toEqual(['0/1', 'Running', '0']);
  });

  it('shows CrashLoopBackOff with the restart count and when the last run ended', () => {
    const cs = status('c0', { waiting: { reason: 'CrashLoopBackOff' } }, {
      restartCount: 5,
      lastState: { terminated: { exitCode: 1, finishedAt: ago(125) } },
    });
    expect(summary(pod({ status: { phase: 'Running', containerStatuses: [cs] } }))).toEqual(['0/1', 'CrashLoopBackOff', '5 (2m5s ago)']);
  });

  describe('init containers', () => {
    const initSpec = { initContainers: [{ name: 'i0' }, { name: 'i1' }] };

    it('shows Init:N/M for the first init container not done', () => {
      const first = pod({ spec: initSpec, status: { phase: 'Pending', initContainerStatuses: [status('i0', running), status('i1', { waiting: { reason: 'PodInitializing' } })] } });
      expect(summary(first)).toEqual(['0/1', 'Init:0/2', '0']);
      const second = pod({
        spec: initSpec,
        status: { phase: 'Pending', initContainerStatuses: [status('i0', { terminated: { exitCode: 0, reason: 'Completed' } }), status('i1', { waiting: { reason: 'PodInitializing' } })] },
      });
      expect(summary(second)).toEqual(['0/1', 'Init:1/2', '0']);
    });

    it('prefixes waiting and terminated reasons with Init:', () => {
      const crashing = status('i0', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3, lastState: { terminated: { exitCode: 1, finishedAt: ago(30) } } });
      expect(summary(pod({ spec: initSpec, status: { phase: 'Pending', initContainerStatuses: [crashing] } }))).toEqual(['0/1', 'Init:CrashLoopBackOff', '3 (30s ago)']);
      const noFinish = status('i0', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3 });
      expect(summary(pod({ spec: initSpec, status: { phase: 'Pending', initContainerStatuses: [noFinish] } }))[2]).toBe('3');
      const failed = status('i0', { terminated: { exitCode: 1, reason: 'Error' } });
      expect(summary(pod({ spec: initSpec, status: { phase: 'Pending', initContainerStatuses: [failed] } }))[1]).toBe('Init:Error');
      const killed = status('i0', { terminated: { exitCode: 137, signal: 9 } });
      expect(summary(pod({ spec: initSpec, status: { phase: 'Pending', initContainerStatuses: [killed] } }))[1]).toBe('Init:Signal:9');
      const exited = status('i0', { terminated: { exitCode: 2 } });
      expect(summary(pod({ spec: initSpec, status: { phase: 'Pending', initContainerStatuses: [exited] } }))[1]).toBe('Init:ExitCode:2');
    });

    it('drops ordinary init restarts once the pod is initialized', () => {
      const p = pod({
        spec: { initContainers: [{ name: 'i0' }] },
        status: {
          phase: 'Running',
          initContainerStatuses: [status('i0', { terminated: { exitCode: 0 } }, { restartCount: 4 })],
          containerStatuses: [status('c0', running, { ready: true, restartCount: 1 })],
        },
      });
      expect(summary(p)).toEqual(['1/1', 'Running', '1']);
    });
  });

  describe('sidecars (restartable init containers)', () => {
    const sidecarSpec = { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] };

    it('count towards READY and the total once started', () => {
      const p = pod({
        spec: sidecarSpec,
        status: {
          phase: 'Running',
          initContainerStatuses: [status('proxy', running, { started: true, ready: true, restartCount: 2 })],
          containerStatuses: [status('c0', running, { ready: true, restartCount: 1 })],
        },
      });
      expect(summary(p)).toEqual(['2/2', 'Running', '3']);
    });

    it('block initialization until started', () => {
      const p = pod({ spec: sidecarSpec, status: { phase: 'Pending', initContainerStatuses: [status('proxy', running, { started: false })] } });
      expect(summary(p)).toEqual(['0/2', 'Init:0/1', '0']);
    });
  });

  describe('finished pods', () => {
    it('shows Completed and Error from container reasons, with a Completed row condition', () => {
      const done = pod({ status: { phase: 'Succeeded', containerStatuses: [status('c0', { terminated: { exitCode: 0, reason: 'Completed' } })] } });
      expect(summary(done)).toEqual(['0/1', 'Completed', '0']);
      expect(rowConditions(done)).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
      const failed = pod({ status: { phase: 'Failed', containerStatuses: [status('c0', { terminated: { exitCode: 1, reason: 'Error' } })] } });
      expect(summary(failed)[1]).toBe('Error');
      expect(rowConditions(failed)).toEqual([{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
      expect(rowConditions(pod())).toEqual([]);
    });

    it('shows NotReady or Running when one container completed and another still runs', () => {
      const containers = [status('c0', { terminated: { exitCode: 0, reason: 'Completed' } }), status('c1', running, { ready: true })];
      const spec = { containers: [{ name: 'c0' }, { name: 'c1' }] };
      const notReady = pod({ spec, status: { phase: 'Running', containerStatuses: containers, conditions: [{ type: 'Ready', status: 'False' }] } });
      expect(summary(notReady)).toEqual(['1/2', 'NotReady', '0']);
      const ready = pod({ spec, status: { phase: 'Running', containerStatuses: containers, conditions: [{ type: 'Ready', status: 'True' }] } });
      expect(summary(ready)).toEqual(['1/2', 'Running', '0']);
    });

    it('lets the first container in spec order with a reason win', () => {
      const spec = { containers: [{ name: 'c0' }, { name: 'c1' }] };
      const p = pod({ spec, status: { phase: 'Pending', containerStatuses: [status('c0', { waiting: { reason: 'ImagePullBackOff' } }), status('c1', { waiting: { reason: 'ContainerCreating' } })] } });
      expect(summary(p)[1]).toBe('ImagePullBackOff');
    });

    it('keeps status.reason such as Evicted', () => {
      expect(summary(pod({ status: { phase: 'Failed', reason: 'Evicted' } }))).toEqual(['0/1', 'Evicted', '0']);
    });
  });

  describe('deletion', () => {
    it('shows Terminating for a running pod', () => {
      const p = pod({ metadata: { name: 'web-0', deletionTimestamp: ago(1) }, status: { phase: 'Running', containerStatuses: [status('c0', running, { ready: true })] } });
      expect(summary(p)).toEqual(['1/1', 'Terminating', '0']);
    });

    it('keeps Completed for a pod already finished', () => {
      const p = pod({ metadata: { name: 'web-0', deletionTimestamp: ago(1) }, status: { phase: 'Succeeded', containerStatuses: [status('c0', { terminated: { exitCode: 0, reason: 'Completed' } })] } });
      expect(summary(p)[1]).toBe('Completed');
    });

    it('shows Unknown for a pod lost with its node', () => {
      const p = pod({ metadata: { name: 'web-0', deletionTimestamp: ago(1) }, status: { phase: 'Running', reason: 'NodeLost' } });
      expect(summary(p)[1]).toBe('Unknown');
    });
  });
});

describe('pod wide cells', () => {
  it('uses <none> placeholders before scheduling', () => {
    expect(cells(pod())).toEqual(['web-0', '0/1', 'Pending', '0', '5m', '<none>', '<none>', '<none>', '<none>']);
  });

  it('shows IP, node and satisfied readiness gates', () => {
    const p = pod({
      spec: { nodeName: 'node-1', readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }] },
      status: { phase: 'Running', podIP: '10.244.0.7', conditions: [{ type: 'a', status: 'True' }, { type: 'b', status: 'False' }, { type: 'b', status: 'True' }] },
    });
    expect(cells(p).slice(5)).toEqual(['10.244.0.7', 'node-1', '<none>', '1/2']);
  });

  it('prefers podIPs[0] over podIP', () => {
    const p = pod({ status: { phase: 'Running', podIP: '10.0.0.1', podIPs: [{ ip: 'fd00::1' }] } });
    expect(cells(p)[5]).toBe('fd00::1');
  });
});
