// Waits for one object the way kubectl's informer-based wait does: LIST with a metadata.name
// field selector, judge the listed object, then WATCH from the list's resourceVersion and judge
// every event, re-watching when the server ends the stream, until the target is met or the
// shared deadline aborts.
import { ApiError, resourcePath } from '@kctl/shared';
import type { KubernetesList, KubernetesObject, ResourceType } from '@kctl/shared';
import type { CliContext } from '../../cli-context.js';
import { targetMet } from './wait-conditions.js';
import type { WaitTarget } from './wait-conditions.js';

export type WaitClient = Pick<CliContext['client'], 'get' | 'watch'>;

export interface WaitSubject {
  type: ResourceType;
  namespace: string;
  name: string;
}

/** kubectl's wait.ErrWaitTimeout, extended with resource/name. */
export class WaitTimeoutError extends Error {
  constructor(subject: WaitSubject) {
    super(`timed out waiting for the condition on ${subject.type.resource}/${subject.name}`);
  }
}

// The reflector asks for a server-side timeout between 5 and 10 minutes; any value will do.
const WATCH_TIMEOUT_SECONDS = 300;

function notFound(subject: WaitSubject): ApiError {
  const { type, name } = subject;
  const resource = type.group ? `${type.resource}.${type.group}` : type.resource;
  return new ApiError(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: type.resource, ...(type.group ? { group: type.group } : {}) });
}

/**
 * Resolves when the target is met; rejects with WaitTimeoutError once `signal` aborts, or with
 * the NotFound error kubectl gives when the object is gone before a condition could be met.
 */
export async function waitForObject(
  client: WaitClient,
  subject: WaitSubject,
  target: WaitTarget,
  signal: AbortSignal,
  warn: (text: string) => void,
): Promise<void> {
  const collection = resourcePath(subject.type, subject.namespace);
  const fieldSelector = `metadata.name=${subject.name}`;
  try {
    const list = await client.get<KubernetesList>(collection, { fieldSelector, limit: 500, resourceVersion: '0' });
    const current = list.items[0];
    if (target.kind === 'delete') {
      if (!current) return;
    } else {
      if (!current) throw notFound(subject);
      if (targetMet(current, target)) return;
    }
    let revision = list.metadata.resourceVersion ?? '0';
    for (;;) {
      const query = { allowWatchBookmarks: 'true', fieldSelector, resourceVersion: revision, timeoutSeconds: WATCH_TIMEOUT_SECONDS };
      for await (const event of client.watch<KubernetesObject>(collection, query, { signal })) {
        const eventRevision = event.object.metadata?.resourceVersion;
        if (eventRevision) revision = eventRevision;
        if (event.type === 'ERROR') {
          warn(`error: An error occurred while waiting for ${target.kind === 'delete' ? 'the object to be deleted' : 'the condition to be satisfied'}: ${String((event.object as { message?: unknown }).message ?? '')}`);
          continue;
        }
        if (event.type === 'BOOKMARK') continue;
        if (target.kind === 'delete') {
          if (event.type === 'DELETED') return;
        } else if (event.type !== 'DELETED' && targetMet(event.object, target)) {
          // A DELETED event is not a failure: the object may come back before the deadline.
          return;
        }
      }
      if (signal.aborted) throw new WaitTimeoutError(subject);
    }
  } catch (err) {
    if (signal.aborted) throw new WaitTimeoutError(subject);
    throw err;
  }
}

/** --timeout=0: look once (kubectl GETs the object) and report instead of waiting. */
export async function checkOnce(client: WaitClient, subject: WaitSubject, target: WaitTarget): Promise<void> {
  const path = resourcePath(subject.type, subject.namespace, subject.name);
  try {
    const obj = await client.get(path);
    if (target.kind !== 'delete' && targetMet(obj, target)) return;
  } catch (err) {
    if (target.kind === 'delete' && err instanceof ApiError && err.code === 404) return;
    throw err;
  }
  throw new Error(`condition not met for ${subject.type.resource}/${subject.name}`);
}
