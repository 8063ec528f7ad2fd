// The namespaces every cluster has from its first start.
import type { RegistryContext } from './rest/registry-context.js';
import { createObject } from './rest/object-writes.js';
import { INITIAL_NAMESPACES, namespaceKey } from './rest/namespace-lifecycle.js';

export async function bootstrapNamespaces(ctx: RegistryContext): Promise<void> {
  const namespaces = ctx.catalog.byPath('', 'v1', 'namespaces');
  if (!namespaces) return;
  for (const name of INITIAL_NAMESPACES) {
    if (await ctx.store.get(namespaceKey(name))) continue;
    await createObject(ctx, namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { dryRun: false });
  }
}
