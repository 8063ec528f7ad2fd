// A container's resources as cgroup limits, the way the kubelet converts them
// (pkg/kubelet/cm/helpers_linux.go): limits.memory in bytes, limits.cpu as a CFS quota per
// 100 ms period, requests.cpu as cpu.shares. Unparsable or non-positive values (validation's
// job) mean no limit. pids.max is a node-wide kubelet setting, not a container resource.
import { parseQuantity, quantityMilliValue, quantityValue } from '@kctl/shared';
import type { Container } from '../status/api-types.js';

/** MinShares / SharesPerCPU / QuotaPeriod / MinQuotaPeriod of the kubelet. */
const MIN_SHARES = 2;
const SHARES_PER_CPU = 1024;
const QUOTA_PERIOD_MICROS = 100_000;
const MIN_QUOTA_MICROS = 1000; // the kernel refuses a quota under 1 ms

export interface CgroupResources {
  memoryLimitBytes?: number;
  cpuQuotaMicros?: number;
  cpuShares?: number;
}

export function cgroupResources(container: Container): CgroupResources {
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  const memoryBytes = positive(limits['memory'], quantityValue);
  const cpuLimitMillis = positive(limits['cpu'], quantityMilliValue);
  // The API server defaults a missing cpu request to the limit; do the same for objects that skipped defaulting.
  const cpuRequestMillis = positive(requests['cpu'], quantityMilliValue) ?? cpuLimitMillis;
  return {
    ...(memoryBytes !== undefined ? { memoryLimitBytes: memoryBytes } : {}),
    ...(cpuLimitMillis !== undefined ? { cpuQuotaMicros: Math.max(MIN_QUOTA_MICROS, (cpuLimitMillis * QUOTA_PERIOD_MICROS) / 1000) } : {}),
    ...(cpuRequestMillis !== undefined ? { cpuShares: Math.max(MIN_SHARES, Math.floor((cpuRequestMillis * SHARES_PER_CPU) / 1000)) } : {}),
  };
}

function positive(value: string | number | undefined, unit: (q: NonNullable<ReturnType<typeof parseQuantity>>) => number): number | undefined {
  const quantity = parseQuantity(value);
  const amount = quantity ? unit(quantity) : 0;
  return amount > 0 ? amount : undefined;
}
