// Golden cells for Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs and
// ControllerRevisions.
import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '../api/object-types.js';
import { printerFor } from './printer-registry.js';

const now = new Date('2025-01-10T12:00:00Z');
const ago = (seconds: number): string => new Date(now.getTime() - seconds * 1000).toISOString();
const metadata = { name: 'web', creationTimestamp: ago(3600) };
const template = { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } };
const cells = (group: string, resource: string, obj: KubernetesObject): unknown[] => printerFor(group, resource).cells(obj, now);

describe('deployment printer', () => {
  it('prints ready/desired and integer counters', () => {
    const deploy = {
      metadata,
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(cells('apps', 'deployments', deploy)).toEqual(['web', '2/3', 3, 2, '60m', 'web,log', 'nginx:1.27,busybox', 'app=web']);
  });

  it('defaults replicas to 1 and prints an empty (not <none>) selector', () => {
    expect(cells('apps', 'deployments', { metadata, spec: { selector: {}, template: { spec: { containers: [] } } } })).toEqual(['web', '0/1', 0, 0, '60m', '', '', '']);
  });

  it('prints <invalid> for a selector that does not convert', () => {
    const deploy = { metadata, spec: { selector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] }, template } };
    expect(cells('apps', 'deployments', deploy)[7]).toBe('<invalid>');
  });
});

describe('replicaset printer', () => {
  it('prints integer replica counts and the formatted selector', () => {
    const rs = { metadata, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 2, readyReplicas: 1 } };
    expect(cells('apps', 'replicasets', rs)).toEqual(['web', 2, 2, 1, '60m', 'web,log', 'nginx:1.27,busybox', 'app=web']);
  });
});

describe('statefulset printer', () => {
  it('prints ready/desired and no selector column', () => {
    const sts = { metadata, spec: { replicas: 2, template }, status: { readyReplicas: 2 } };
    expect(cells('apps', 'statefulsets', sts)).toEqual(['web', '2/2', '60m', 'web,log', 'nginx:1.27,busybox']);
  });
});

describe('daemonset printer', () => {
  it('prints the scheduling counters and the node selector', () => {
    const ds = {
      metadata,
      spec: { selector: { matchLabels: { k8s: 'proxy' } }, template: { spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    };
    expect(cells('apps', 'daemonsets', ds)).toEqual(['web', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '60m', 'web,log', 'nginx:1.27,busybox', 'k8s=proxy']);
  });
});

describe('job printer', () => {
  const job = (spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}): KubernetesObject => ({
    metadata: { ...metadata, ...meta },
    spec: { template, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } }, ...spec },
    status,
  });

  it('prints a running job with its elapsed duration', () => {
    expect(cells('batch', 'jobs', job({ completions: 1 }, { startTime: ago(10) }))).toEqual([
      'web', 'Running', '0/1', '10s', '60m', 'web,log', 'nginx:1.27,busybox', 'batch.kubernetes.io/controller-uid=u1',
    ]);
  });

  it('prints a complete job with start-to-completion duration', () => {
    const done = job({ completions: 1 }, { startTime: ago(100), completionTime: ago(35), succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
    expect(cells('batch', 'jobs', done).slice(1, 4)).toEqual(['Complete', '1/1', '65s']);
  });

  it('prints no duration before the start and work-queue completions', () => {
    expect(cells('batch', 'jobs', job({ parallelism: 3 }, {})).slice(2, 4)).toEqual(['0/1 of 3', '']);
  });

  it('orders statuses: finished beats Terminating beats Suspended beats FailureTarget', () => {
    const deleting = { deletionTimestamp: ago(1) };
    const statusOf = (conditions: unknown[], meta = {}): unknown => cells('batch', 'jobs', job({}, { conditions }, meta))[1];
    expect(statusOf([{ type: 'Complete', status: 'True' }], deleting)).toBe('Complete');
    expect(statusOf([{ type: 'Failed', status: 'True' }])).toBe('Failed');
    expect(statusOf([{ type: 'Suspended', status: 'True' }], deleting)).toBe('Terminating');
    expect(statusOf([{ type: 'FailureTarget', status: 'True' }, { type: 'Suspended', status: 'True' }])).toBe('Suspended');
    expect(statusOf([{ type: 'FailureTarget', status: 'True' }])).toBe('FailureTarget');
    // Only the first condition of a type counts.
    expect(statusOf([{ type: 'Complete', status: 'False' }, { type: 'Complete', status: 'True' }])).toBe('Running');
  });
});

describe('cronjob printer', () => {
  it('prints a fresh cron job', () => {
    const cj = { metadata, spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template } } } };
    expect(cells('batch', 'cronjobs', cj)).toEqual(['web', '*/1 * * * *', '<none>', 'False', 0, '<none>', '60m', 'web,log', 'nginx:1.27,busybox', '<none>']);
  });

  it('prints time zone, <unset> suspend, active jobs and the last schedule', () => {
    const cj = { metadata, spec: { schedule: '@hourly', timeZone: 'Etc/UTC', jobTemplate: { spec: { template } } }, status: { active: [{ name: 'a' }, { name: 'b' }], lastScheduleTime: ago(42) } };
    expect(cells('batch', 'cronjobs', cj).slice(1, 6)).toEqual(['@hourly', 'Etc/UTC', '<unset>', 2, '42s']);
  });
});

describe('controllerrevision printer', () => {
  it('names the controller by lower-cased kind.group and emits the revision as an integer', () => {
    const cr = {
      metadata: { ...metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] },
      revision: 3,
    };
    expect(cells('apps', 'controllerrevisions', cr)).toEqual(['web', 'statefulset.apps/web', 3, '60m']);
  });

  it('prints <none> without a controlling owner and no group for core owners', () => {
    expect(cells('apps', 'controllerrevisions', { metadata, revision: 1 })[1]).toBe('<none>');
    const coreOwned = { metadata: { ...metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', controller: true }] }, revision: 1 };
    expect(cells('apps', 'controllerrevisions', coreOwned)[1]).toBe('pod/p');
  });
});
