// kubectl describe namespace (describe.go's NamespaceDescriber): status, then the namespace's
// ResourceQuotas and LimitRanges. A 404 on either list means the server does not serve that
// kind, and its section is left out; kubectl shows no events for namespaces.
import type { KubernetesObject, Namespace } from '@kctl/shared';
import type { DescribeContext } from './context.js';
import { isNotFound, listAll } from './context.js';
import { describeLimitRanges, describeResourceQuotas } from './namespace-policies.js';
import type { LimitRange, ResourceQuota } from './namespace-policies.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.js';
import { LEVEL_0, LEVEL_1, tabbedString } from './prefix-writer.js';
import { formatRfc1123z } from './time-format.js';

async function listUnlessUnserved<T>(ctx: DescribeContext, path: string): Promise<T[] | undefined> {
  try {
    return await listAll<T>(ctx.client, path);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function describeNamespace(obj: KubernetesObject, ctx: DescribeContext): Promise<string> {
  const ns = obj as Namespace;
  const name = ns.metadata?.name ?? '';
  const base = `/api/v1/namespaces/${encodeURIComponent(name)}`;
  const quotas = await listUnlessUnserved<ResourceQuota>(ctx, `${base}/resourcequotas`);
  const limitRanges = await listUnlessUnserved<LimitRange>(ctx, `${base}/limitranges`);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const conditions = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${c.type}\t${c.status}\t${formatRfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
      }
    }
    if (quotas) {
      w.write(LEVEL_0, '\n');
      describeResourceQuotas(quotas, w);
    }
    if (limitRanges) {
      w.write(LEVEL_0, '\n');
      describeLimitRanges(limitRanges, w);
    }
  });
}
