// Records core/v1 Events the way client-go's record.EventRecorder does: one Event object per
// distinct (object, type, reason, message), and a repeat bumps its count and lastTimestamp
// instead of creating another (the EventCorrelator's aggregation, minus the spam filter).
import type { ApiClient } from '../client/api-client.js';
import { ApiError } from '../api/api-errors.js';
import type { ObjectWithMeta } from '../client/object-cache.js';
import { metaTime } from '../meta/time.js';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  /** source.component and reportingComponent, e.g. "default-scheduler" */
  component: string;
  /** source.host (kubelets set their node name) */
  host?: string;
  /** reportingInstance; defaults to the component */
  instance?: string;
}

export interface EventRecorderOptions {
  clock?: () => Date;
  /** client-go keeps this many distinct events for aggregation */
  cacheSize?: number;
}

interface SeenEvent {
  namespace: string;
  name: string;
  count: number;
}

const DEFAULT_CACHE_SIZE = 4096;


export interface RecordOptions {
  action?: string;
  /** involvedObject.fieldPath, e.g. spec.containers{main} for an event about one container */
  fieldPath?: string;
}

export class EventRecorder {
  private readonly seen = new Map<string, SeenEvent>();
  // Writes of the same event go one after another, so a repeat never PATCHes an Event whose
  // POST is still in flight (and two concurrent repeats never create two Events).
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly clock: () => Date;
  private readonly cacheSize: number;

  constructor(
    private readonly client: ApiClient,
    private readonly source: EventSource,
    opts: EventRecorderOptions = {},
  ) {
    this.clock = opts.clock ?? (() => new Date());
    this.cacheSize = opts.cacheSize ?? DEFAULT_CACHE_SIZE;
  }

  /** Writes the event through the API; resolves once it is stored (rejects on API errors). */
  record(obj: ObjectWithMeta, type: EventType, reason: string, message: string, opts: RecordOptions = {}): Promise<void> {
    const meta = obj.metadata ?? {};
    const key = [meta.uid ?? `${meta.namespace}/${meta.name}`, opts.fieldPath ?? '', type, reason, message].join('\u0000');
    const write = (this.inFlight.get(key) ?? Promise.resolve()).then(() => this.write(key, obj, type, reason, message, opts));
    const settled = write.catch(() => undefined);
    this.inFlight.set(key, settled);
    void settled.then(() => {
      if (this.inFlight.get(key) === settled) this.inFlight.delete(key);
    });
    return write;
  }

  /** Forgets an object's events (it was deleted), so the cache does not grow forever. */
  forget(uid: string): void {
    for (const key of this.seen.keys()) if (key.startsWith(`${uid}\u0000`)) this.seen.delete(key);
  }

  private async write(key: string, obj: ObjectWithMeta, type: EventType, reason: string, message: string, opts: RecordOptions): Promise<void> {
    const meta = obj.metadata ?? {};
    const now = metaTime(this.clock());
    const previous = this.seen.get(key);
    if (previous) {
      this.touch(key, previous);
      try {
        await this.client.patch(`/api/v1/namespaces/${encodeURIComponent(previous.namespace)}/events/${encodeURIComponent(previous.name)}`, { count: previous.count + 1, lastTimestamp: now }, 'application/merge-patch+json');
        previous.count++;
        return;
      } catch (err) {
        // Expired or deleted meanwhile: start a new one.
        if (!(err instanceof ApiError && err.code === 404)) throw err;
        this.seen.delete(key);
      }
    }
    const namespace = meta.namespace || 'default';
    const name = `${meta.name ?? 'unknown'}.${(BigInt(this.clock().getTime()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000))).toString(16)}`;
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: meta.namespace,
        name: meta.name,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
        ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}),
      },
      reason,
      message,
      type,
      source: { component: this.source.component, ...(this.source.host ? { host: this.source.host } : {}) },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.instance ?? this.source.component,
      ...(opts.action ? { action: opts.action } : {}),
    };
    await this.client.create(`/api/v1/namespaces/${encodeURIComponent(namespace)}/events`, event);
    this.touch(key, { namespace, name, count: 1 });
  }

  /** Least-recently-used bookkeeping: a Map iterates in insertion order. */
  private touch(key: string, entry: SeenEvent): void {
    this.seen.delete(key);
    this.seen.set(key, entry);
    if (this.seen.size > this.cacheSize) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
