import { describe, expect, it } from 'vitest';
import type { Job, Pod } from '@kctl/shared';
import { isPodFailed, pastBackoffLimitOnFailure, remainingBackoffMs, removalOrder } from './job-pods.js';

const job = (spec: Partial<NonNullable<Job['spec']>> = {}, restartPolicy = 'Never'): Job =>
  ({ apiVersion: 'batch/v1', kind: 'Job', spec: { backoffLimit: 6, template: { spec: { restartPolicy, containers: [] } }, ...spec } }) as Job;

function pod(phase: string, opts: { restarts?: number; finishedAt?: number; deleting?: boolean; name?: string; created?: string; nodeName?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: opts.name ?? 'p', creationTimestamp: opts.created ?? '2024-01-01T00:00:00Z', ...(opts.deleting ? { deletionTimestamp: '2024-01-01T00:01:00Z' } : {}) },
    spec: { containers: [], ...(opts.nodeName ? { nodeName: opts.nodeName } : {}) },
    status: {
      phase: phase as 'Running',
      containerStatuses: [
        {
          name: 'c',
          image: 'i',
          imageID: '',
          ready: false,
          restartCount: opts.restarts ?? 0,
          state: opts.finishedAt !== undefined ? { terminated: { exitCode: 0, finishedAt: new Date(opts.finishedAt).toISOString() } } : {},
        },
      ],
    },
  };
}

describe('job pods', () => {
  it('counts a deleted pod that did not succeed as failed, unless only failed pods are replaced', () => {
    expect(isPodFailed(pod('Running', { deleting: true }), job())).toBe(true);
    expect(isPodFailed(pod('Running', { deleting: true }), job({ podReplacementPolicy: 'Failed' }))).toBe(false);
    expect(isPodFailed(pod('Succeeded', { deleting: true }), job())).toBe(false);
  });

  it('counts container restarts of running pods against backoffLimit under restartPolicy OnFailure', () => {
    expect(pastBackoffLimitOnFailure(job({ backoffLimit: 2 }, 'OnFailure'), [pod('Running', { restarts: 1 }), pod('Pending', { restarts: 1 })])).toBe(true);
    expect(pastBackoffLimitOnFailure(job({ backoffLimit: 3 }, 'OnFailure'), [pod('Running', { restarts: 2 }), pod('Failed', { restarts: 5 })])).toBe(false);
    expect(pastBackoffLimitOnFailure(job({ backoffLimit: 0 }, 'OnFailure'), [pod('Running', { restarts: 1 })])).toBe(true);
    expect(pastBackoffLimitOnFailure(job({ backoffLimit: 1 }, 'Never'), [pod('Running', { restarts: 5 })])).toBe(false);
  });

  it('holds replacements back 10 s doubling per failure since the last success', () => {
    const now = 1_000_000;
    expect(remainingBackoffMs(job(), [pod('Failed', { finishedAt: now - 4_000 })], now)).toBe(6_000);
    expect(remainingBackoffMs(job(), [pod('Failed', { finishedAt: now - 30_000 }), pod('Failed', { finishedAt: now - 5_000 })], now)).toBe(15_000);
    expect(remainingBackoffMs(job(), [pod('Failed', { finishedAt: now - 5_000 }), pod('Succeeded', { finishedAt: now - 1_000 })], now)).toBe(0);
  });

  it('removes unscheduled, then pending, then the youngest pods first', () => {
    const pods = [
      pod('Running', { name: 'old-running', nodeName: 'n', created: '2024-01-01T00:00:00Z' }),
      pod('Running', { name: 'young-running', nodeName: 'n', created: '2024-01-01T00:05:00Z' }),
      pod('Pending', { name: 'pending', nodeName: 'n' }),
      pod('Pending', { name: 'unscheduled' }),
    ];
    expect([...pods].sort(removalOrder).map((p) => p.metadata?.name)).toEqual(['unscheduled', 'pending', 'young-running', 'old-running']);
  });
});
