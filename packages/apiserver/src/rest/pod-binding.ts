// POST pods/NAME/binding: how the scheduler assigns a pod to a node, once.
import { errors } from '@kctl/shared';
import type { KubernetesObject, ResourceType } from '@kctl/shared';
import type { RegistryContext } from './registry-context.js';
import { fromStored, timestamp, toStorable } from './object-meta.js';
import { getStored } from './object-reads.js';

interface Binding {
  metadata?: { name?: string };
  target?: { kind?: string; name?: string };
}

export async function bindPod(ctx: RegistryContext, type: ResourceType, namespace: string, name: string, body: unknown): Promise<KubernetesObject> {
  const binding = (body ?? {}) as Binding;
  const nodeName = binding.target?.name;
  if (!nodeName) {
    throw errors.invalid('Binding', name, [{ type: 'FieldValueRequired', field: 'target.name', message: 'Required value' }]);
  }
  for (;;) {
    const stored = await getStored(ctx, type, namespace, name);
    const pod = structuredClone(fromStored(stored)) as KubernetesObject & {
      spec?: { nodeName?: string };
      status?: { conditions?: Array<Record<string, unknown>> };
    };
    if (pod.metadata?.deletionTimestamp) throw errors.conflict({ resource: 'pods', name }, 'pod is being deleted, cannot be assigned to a host');
    if (pod.spec?.nodeName) {
      throw errors.conflict({ resource: 'pods', name }, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    }
    pod.spec = { ...pod.spec, nodeName };
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(ctx.clock()) });
    pod.status = { ...pod.status, conditions };
    try {
      // Binding changes both spec.nodeName and status: write the whole object past the strategies.
      const updated = await ctx.store.update(stored.key, toStorable(pod), stored.modRevision);
      return ctx.toExternal(type, fromStored(updated));
    } catch (err) {
      if ((err as Error).name !== 'RevisionMismatchError') throw err;
    }
  }
}
