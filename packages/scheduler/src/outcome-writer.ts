// Everything the scheduler writes, all through the public API: the binding, the PodScheduled=False
// condition of a pod that fits nowhere, and the Scheduled / FailedScheduling events.
import { ApiError, EventRecorder, metaTime } from '@kctl/shared';
import type { ApiClient, Pod } from '@kctl/shared';

export type BindOutcome = 'bound' | 'taken' | 'failed';

function podPath(pod: Pod, subresource: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(pod.metadata?.namespace ?? 'default')}/pods/${encodeURIComponent(pod.metadata?.name ?? '')}/${subresource}`;
}

export class OutcomeWriter {
  private readonly events: EventRecorder;

  constructor(
    private readonly client: ApiClient,
    schedulerName: string,
    private readonly onError: (what: string, pod: Pod, err: unknown) => void,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.events = new EventRecorder(client, { component: schedulerName }, { clock });
  }

  /**
   * POST pods/NAME/binding. 'taken' means the API refused because the pod is already bound or
   * being deleted (409) or gone (404): nothing left to do. 'failed' is worth a retry.
   */
  async bind(pod: Pod, nodeName: string): Promise<BindOutcome> {
    try {
      await this.client.create(podPath(pod, 'binding'), {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: pod.metadata?.name, namespace: pod.metadata?.namespace, uid: pod.metadata?.uid },
        target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
      });
    } catch (err) {
      if (err instanceof ApiError && (err.code === 409 || err.code === 404)) return 'taken';
      this.onError('binding', pod, err);
      return 'failed';
    }
    const ns = pod.metadata?.namespace ?? 'default';
    void this.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${pod.metadata?.name} to ${nodeName}`, 'Binding');
    return 'bound';
  }

  /** PodScheduled=False/Unschedulable with the fit error (only when it changed), and the event. */
  async reportUnschedulable(pod: Pod, message: string): Promise<void> {
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const writes: Array<Promise<unknown>> = [this.event(pod, 'Warning', 'FailedScheduling', message, 'Scheduling')];
    if (current?.status !== 'False' || current.reason !== 'Unschedulable' || current.message !== message) {
      const condition = {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        // The transition time moves only when the status does.
        lastTransitionTime: current?.status === 'False' && current.lastTransitionTime ? current.lastTransitionTime : metaTime(this.clock()),
        reason: 'Unschedulable',
        message,
      };
      writes.push(
        this.client
          .patch(podPath(pod, 'status'), { status: { conditions: [condition] } }, 'application/strategic-merge-patch+json')
          .catch((err: unknown) => {
            if (!(err instanceof ApiError && err.code === 404)) this.onError('pod status update', pod, err);
          }),
      );
    }
    await Promise.all(writes);
  }

  private async event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, action: string): Promise<void> {
    try {
      await this.events.record(pod, type, reason, message, { action });
    } catch (err) {
      this.onError(`${reason} event`, pod, err);
    }
  }
}
