// Namespaces gate object creation: a missing namespace is NotFound, a terminating one is
// Forbidden, exactly as Kubernetes' NamespaceLifecycle admission plugin answers.
import { errors } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import type { RegistryContext } from './registry-context.js';

export function namespaceKey(name: string): string {
  return `/registry/core/namespaces/${name}`;
}

export async function assertNamespaceAcceptsObjects(ctx: RegistryContext, namespace: string): Promise<void> {
  const stored = await ctx.store.get(namespaceKey(namespace));
  if (!stored) throw errors.notFound({ resource: 'namespaces', name: namespace });
  const ns = stored.value as KubernetesObject;
  const phase = (ns.status as { phase?: string } | undefined)?.phase;
  if (ns.metadata?.deletionTimestamp || phase === 'Terminating') {
    throw errors.forbidden(`unable to create new content in namespace ${namespace} because it is being terminated`);
  }
}

/** The namespaces every cluster starts with. */
export const INITIAL_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
