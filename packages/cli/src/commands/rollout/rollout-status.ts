// kctl rollout status: kubectl's watchtools.UntilWithSync over one object (list by name, then
// watch from the list's resourceVersion). Every ADDED/MODIFIED event prints the viewer's message;
// done ends the wait, and so does the first event under --watch=false. --timeout cancels the
// wait with kubectl's "timed out waiting for the condition".
import { ApiError, resourcePath } from '@kctl/shared';
import type { KubernetesList, KubernetesObject } from '@kctl/shared';
import type { TargetContext, TargetObject } from '../workloads/target-objects.js';
import { resourceGroup } from '../../resource-arguments.js';
import { statusViewerFor } from './status-viewers.js';

export interface StatusOptions {
  watch: boolean;
  revision: number;
  /** 0: wait forever */
  timeoutMs: number;
  out?: (text: string) => void;
}

const TIMED_OUT = 'timed out waiting for the condition';

export async function waitForRollout(ctx: Pick<TargetContext, 'client'>, target: TargetObject, opts: StatusOptions): Promise<void> {
  const viewer = statusViewerFor(target.type.kind, target.type.group);
  const out = opts.out ?? ((text: string) => process.stdout.write(text));
  const abort = new AbortController();
  const timer = opts.timeoutMs > 0 ? setTimeout(() => abort.abort(), opts.timeoutMs) : undefined;
  const timedOut = () => (abort.signal.aborted ? new Error(TIMED_OUT) : undefined);
  // true when the wait is over
  const observe = (object: KubernetesObject): boolean => {
    const status = viewer(object, opts.revision);
    out(status.message);
    return status.done || !opts.watch;
  };
  try {
    const collection = resourcePath(target.type, target.namespace);
    const fieldSelector = `metadata.name=${target.name}`;
    // A watch the server ends is reopened from the last version seen; an ERROR event (an expired
    // version) starts over with a fresh list, as the informer under UntilWithSync does.
    for (;;) {
      const list = await ctx.client.get<KubernetesList>(collection, { fieldSelector });
      const current = list.items[0];
      if (!current) throw new ApiError(404, 'NotFound', `${resourceGroup(target.type)} ${JSON.stringify(target.name)} not found`);
      if (observe(current)) return;
      let fromVersion = list.metadata?.resourceVersion ?? '0';
      let expired = false;
      while (!expired) {
        try {
          for await (const event of ctx.client.watch(collection, { fieldSelector, resourceVersion: fromVersion, allowWatchBookmarks: 'true' }, { signal: abort.signal })) {
            if (event.type === 'ERROR') {
              expired = true;
              break;
            }
            fromVersion = event.object.metadata?.resourceVersion ?? fromVersion;
            if (event.type === 'BOOKMARK') continue;
            if (event.type === 'DELETED') throw new Error('object has been deleted');
            if (observe(event.object)) return;
          }
        } catch (err) {
          throw timedOut() ?? err;
        }
        if (abort.signal.aborted) throw new Error(TIMED_OUT);
      }
    }
  } finally {
    if (timer) clearTimeout(timer);
  }
}
