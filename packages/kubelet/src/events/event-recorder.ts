// The kubelet's events: the shared EventRecorder (client-go's aggregation: a repeat increments
// count and lastTimestamp) with the kubelet as source and a pod — or one of its containers,
// through involvedObject.fieldPath — as subject. Recording never fails the caller: a lost event
// is logged and forgotten, as the kubelet's recorder does.
import { EventRecorder as SharedEventRecorder } from '@kctl/shared';
import type { ApiClient, EventType } from '@kctl/shared';
import type { Clock } from '../clock.js';
import type { Pod } from '../status/api-types.js';

export type { EventType };

export interface EventTarget {
  pod: Pod;
  /** spec.containers{name} / spec.initContainers{name}, or none for the pod itself */
  fieldPath?: string;
}

export class EventRecorder {
  private readonly recorder: SharedEventRecorder;
  private pending = new Set<Promise<void>>();

  constructor(
    client: ApiClient,
    nodeName: string,
    clock: Clock,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.recorder = new SharedEventRecorder(client, { component: 'kubelet', host: nodeName, instance: nodeName }, { clock: () => new Date(clock.now()) });
  }

  record(target: EventTarget, type: EventType, reason: string, message: string): void {
    const subject = { ...target.pod, apiVersion: 'v1', kind: 'Pod' };
    const write = this.recorder.record(subject, type, reason, message, target.fieldPath ? { fieldPath: target.fieldPath } : {}).catch(this.onError);
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** Resolves once every event recorded so far has been written (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** Forgets a deleted pod's events so the cache does not grow forever. */
  forgetPod(uid: string): void {
    this.recorder.forget(uid);
  }
}

/** The fieldPath an event about a container carries (kubecontainer.GenerateContainerRef). */
export function containerFieldPath(pod: Pod, containerName: string): string {
  const isInit = (pod.spec?.initContainers ?? []).some((c) => c.name === containerName);
  return `spec.${isInit ? 'initContainers' : 'containers'}{${containerName}}`;
}
