// Waits for a pod to reach one of the given phases the way kubectl's run does: LIST with a
// metadata.name field selector, then WATCH from its resourceVersion (re-watching when the
// server ends the stream), until the phase test passes or the timeout expires.
import { resourcePath } from '@kctl/shared';
import type { KubernetesList, ResourceType } from '@kctl/shared';
import type { CliContext } from '../../cli-context.js';
import type { PodLike } from '../exec/container-choice.js';

export async function waitForPodPhase(ctx: CliContext, type: ResourceType, namespace: string, name: string, done: (pod: PodLike) => boolean, timeoutMs: number): Promise<PodLike> {
  const collection = resourcePath(type, namespace);
  const fieldSelector = `metadata.name=${name}`;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const list = await ctx.client.get<KubernetesList<PodLike>>(collection, { fieldSelector, resourceVersion: '0' });
    let current = list.items[0];
    if (current && done(current)) return current;
    let revision = list.metadata.resourceVersion ?? '0';
    while (!abort.signal.aborted) {
      for await (const event of ctx.client.watch<PodLike>(collection, { fieldSelector, resourceVersion: revision }, { signal: abort.signal })) {
        revision = event.object.metadata?.resourceVersion ?? revision;
        if (event.type === 'DELETED') throw new Error(`pod "${name}" was deleted`);
        if (event.type !== 'ADDED' && event.type !== 'MODIFIED') continue;
        current = event.object;
        if (done(current)) return current;
      }
    }
  } catch (err) {
    if (!abort.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
  }
  throw new Error('timed out waiting for the condition');
}

export const isStartedOrDone = (pod: PodLike): boolean => ['Running', 'Succeeded', 'Failed'].includes(pod.status?.phase ?? '');
export const isCompleted = (pod: PodLike): boolean => ['Succeeded', 'Failed'].includes(pod.status?.phase ?? '');
export const isSucceeded = (pod: PodLike): boolean => pod.status?.phase === 'Succeeded';
