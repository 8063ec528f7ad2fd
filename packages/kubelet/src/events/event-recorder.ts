// Events with the kubelet as their source, written through the API like client-go's
// EventRecorder: a repeat of the same event (same object, reason, message, type) increments the
// count and lastTimestamp of the existing Event instead of creating another (events_cache.go
// EventCorrelator). Recording never fails the caller: a lost event is logged and forgotten.
import type { ApiClient } from '@kctl/shared';
import { resourcePath, defaultCatalog } from '@kctl/shared';
import type { Clock } from '../clock.js';
import { isoSeconds } from '../clock.js';
import type { Pod } from '../status/api-types.js';

export type EventType = 'Normal' | 'Warning';

export interface EventTarget {
  pod: Pod;
  /** spec.containers{name} / spec.initContainers{name}, or none for the pod itself */
  fieldPath?: string;
}

interface Seen {
  name: string;
  count: number;
}

const eventsType = defaultCatalog.byPath('', 'v1', 'events');

export class EventRecorder {
  private readonly seen = new Map<string, Seen>();
  // Writes go one at a time so a repeat never PATCHes an Event whose POST is still in flight.
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: ApiClient,
    private readonly nodeName: string,
    private readonly clock: Clock,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  record(target: EventTarget, type: EventType, reason: string, message: string): void {
    this.chain = this.chain.then(() => this.write(target, type, reason, message)).catch(this.onError);
  }

  /** Resolves once every event recorded so far has been written (tests, shutdown). */
  flush(): Promise<void> {
    return this.chain;
  }

  /** Forgets a deleted pod's events so the cache does not grow forever. */
  forgetPod(uid: string): void {
    for (const key of this.seen.keys()) if (key.startsWith(`${uid}\u0000`)) this.seen.delete(key);
  }

  private async write(target: EventTarget, type: EventType, reason: string, message: string): Promise<void> {
    if (!eventsType) return;
    const meta = target.pod.metadata ?? {};
    const namespace = meta.namespace ?? 'default';
    const key = [meta.uid, target.fieldPath ?? '', type, reason, message].join('\u0000');
    const now = this.clock.now();
    const seen = this.seen.get(key);
    if (seen) {
      seen.count++;
      await this.client.patch(
        resourcePath(eventsType, namespace, seen.name),
        { count: seen.count, lastTimestamp: isoSeconds(now) },
        'application/merge-patch+json',
      );
      return;
    }
    // client-go names events NAME.<unix nanos in hex>.
    const name = `${meta.name}.${(BigInt(now) * 1_000_000n + BigInt(this.seen.size % 1_000_000)).toString(16)}`;
    this.seen.set(key, { name, count: 1 });
    await this.client.create(resourcePath(eventsType, namespace), {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: 'v1',
        kind: 'Pod',
        name: meta.name,
        namespace,
        uid: meta.uid,
        ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
        ...(target.fieldPath ? { fieldPath: target.fieldPath } : {}),
      },
      reason,
      message,
      type,
      source: { component: 'kubelet', host: this.nodeName },
      firstTimestamp: isoSeconds(now),
      lastTimestamp: isoSeconds(now),
      count: 1,
      reportingComponent: 'kubelet',
      reportingInstance: this.nodeName,
    });
  }
}

/** The fieldPath an event about a container carries (kubecontainer.GenerateContainerRef). */
export function containerFieldPath(pod: Pod, containerName: string): string {
  const isInit = (pod.spec?.initContainers ?? []).some((c) => c.name === containerName);
  return `spec.${isInit ? 'initContainers' : 'containers'}{${containerName}}`;
}
