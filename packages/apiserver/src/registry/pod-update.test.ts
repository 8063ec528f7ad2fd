import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kctl/shared';
import { strategyFor } from './strategy-table.js';
import { describeErrors, runCreate, runStatusUpdate, runUpdate } from './strategy-pipeline.js';

const pods = strategyFor('', 'pods');
const stored = (): KubernetesObject =>
  runCreate(pods, {
    metadata: { name: 'web', namespace: 'default', uid: 'u-1', labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.26', ports: [{ containerPort: 80 }] }], activeDeadlineSeconds: 600 },
  }).object;

/** The stored pod with `change` applied to a copy of its spec. */
function edited(change: (spec: Record<string, any>) => void): KubernetesObject {
  const pod = stored();
  change(pod.spec as Record<string, any>);
  return pod;
}

describe('Pod updates', () => {
  it('allow a new image, a shorter deadline, an added toleration and label changes', () => {
    const pod = edited((spec) => {
      spec.containers[0].image = 'nginx:1.27';
      spec.activeDeadlineSeconds = 300;
      spec.tolerations.push({ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' });
    });
    pod.metadata!.labels = { app: 'web', tier: 'frontend' };
    expect(runUpdate(pods, pod, stored()).errors).toEqual([]);
  });

  it('reject any other spec change with the Kubernetes message', () => {
    const errors = describeErrors(runUpdate(pods, edited((spec) => (spec.containers[0].ports[0].containerPort = 8080)), stored()).errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n',
    );
    expect(errors[0]).toContain('spec.containers[0].ports[0].containerPort:\n-   80\n+   8080');
  });

  it('reject adding containers, raising the deadline and removing tolerations', () => {
    const more = edited((spec) => spec.containers.push({ name: 'sidecar', image: 'busybox' }));
    expect(describeErrors(runUpdate(pods, more, stored()).errors)).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
    const longer = edited((spec) => (spec.activeDeadlineSeconds = 900));
    expect(describeErrors(runUpdate(pods, longer, stored()).errors)).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: 900: must be less than or equal to previous value',
    ]);
    const fewer = edited((spec) => spec.tolerations.pop());
    expect(describeErrors(runUpdate(pods, fewer, stored()).errors)).toContain(
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    );
  });

  it('cannot bind or move a pod through an update', () => {
    const bound = edited((spec) => (spec.nodeName = 'node-1'));
    expect(describeErrors(runUpdate(pods, bound, stored()).errors)[0]).toMatch(/^spec: Forbidden: pod updates may not change fields other than/);
  });

  it('keeps the stored status on a main update and the stored spec on a status update', () => {
    const pod = stored();
    pod.status = { phase: 'Running' };
    expect(runUpdate(pods, pod, stored()).object.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });

    const statusWrite = edited((spec) => (spec.nodeName = 'node-9'));
    statusWrite.status = { phase: 'Running', podIP: '10.0.0.5' };
    const { object, errors } = runStatusUpdate(pods, statusWrite, stored());
    expect(errors).toEqual([]);
    expect(object.spec).toEqual(stored().spec);
    expect(object.status).toEqual({ phase: 'Running', podIP: '10.0.0.5', qosClass: 'BestEffort' });
  });

  it('refuses to change the QoS class through status', () => {
    const pod = stored();
    pod.status = { phase: 'Running', qosClass: 'Guaranteed' };
    expect(describeErrors(runStatusUpdate(pods, pod, stored()).errors)).toEqual(['status.qosClass: Invalid value: "Guaranteed": field is immutable']);
  });
});
