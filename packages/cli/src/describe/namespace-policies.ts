// The "Resource Quotas" and "Resource Limits" sections of kubectl describe namespace
// (describe.go's DescribeResourceQuotas and DescribeLimitRanges).
import { canonicalQuantity } from '@kctl/shared';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0, LEVEL_1 } from './prefix-writer.js';

type ResourceList = Record<string, string | number>;

export interface ResourceQuota {
  metadata?: { name?: string };
  spec?: { scopes?: string[] };
  status?: { hard?: ResourceList; used?: ResourceList };
}

export interface LimitRange {
  spec?: {
    limits?: Array<{
      type: string;
      max?: ResourceList;
      min?: ResourceList;
      default?: ResourceList;
      defaultRequest?: ResourceList;
      maxLimitRequestRatio?: ResourceList;
    }>;
  };
}

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function describeResourceQuotas(quotas: ResourceQuota[], w: PrefixWriter): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => byName(a.metadata?.name ?? '', b.metadata?.name ?? ''))) {
    w.write(LEVEL_1, `Name:\t${q.metadata?.name ?? ''}\n`);
    const scopes = [...(q.spec?.scopes ?? [])].sort();
    if (scopes.length > 0) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const scope of scopes) if (SCOPE_HELP[scope]) w.write(LEVEL_1, `* ${SCOPE_HELP[scope]}\n`);
    }
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    for (const resource of Object.keys(q.status?.hard ?? {}).sort(byName)) {
      w.write(LEVEL_1, `${resource}\t${canonicalQuantity(q.status?.used?.[resource] ?? 0)}\t${canonicalQuantity(q.status?.hard?.[resource])}\n`);
    }
  }
}

export function describeLimitRanges(limitRanges: LimitRange[], w: PrefixWriter): void {
  if (limitRanges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of limitRanges) {
    for (const item of lr.spec?.limits ?? []) {
      const lists = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
      // kubectl walks a Go map here (random order); sorted is one of its orders, and a stable one.
      const resources = [...new Set(lists.flatMap((l) => Object.keys(l ?? {})))].sort(byName);
      for (const resource of resources) {
        const cells = lists.map((l) => (l?.[resource] === undefined ? '-' : canonicalQuantity(l[resource])));
        w.write(LEVEL_0, ` ${item.type}\t${resource}\t${cells.join('\t')}\n`);
      }
    }
  }
}
