// Indexed completion mode (pkg/controller/job/indexed_job_utils.go): each pod carries its
// completion index (annotation and label), gets hostname <job>-<index> and JOB_COMPLETION_INDEX,
// and the Job records the indexes that succeeded as compressed intervals ("0-2,5").
import type { Job, Pod, PodTemplateSpec } from '@kctl/shared';

export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
const INDEX_ENV = 'JOB_COMPLETION_INDEX';

export const isIndexedJob = (job: Job): boolean => job.spec?.completionMode === 'Indexed';

/** getCompletionIndex: the annotation's index, or undefined when missing or malformed. */
export function completionIndexOf(pod: Pod): number | undefined {
  const text = pod.metadata?.annotations?.[COMPLETION_INDEX_ANNOTATION] ?? pod.metadata?.labels?.[COMPLETION_INDEX_ANNOTATION];
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/** A valid index is below completions. */
export function validIndexOf(pod: Pod, job: Job): number | undefined {
  const index = completionIndexOf(pod);
  return index !== undefined && index < (job.spec?.completions ?? 0) ? index : undefined;
}

/** parseIndexesFromString; malformed parts are skipped, as upstream does. */
export function parseIndexes(text: string | undefined): Set<number> {
  const indexes = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) continue;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    for (let i = first; i <= last; i++) indexes.add(i);
  }
  return indexes;
}

/** orderedIntervals.String: "1,3-5,7". */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** firstPendingIndexes: the lowest indexes neither succeeded nor running. */
export function firstPendingIndexes(active: readonly Pod[], succeeded: ReadonlySet<number>, count: number, completions: number): number[] {
  const taken = new Set(active.map(completionIndexOf).filter((i): i is number => i !== undefined));
  const pending: number[] = [];
  for (let i = 0; i < completions && pending.length < count; i++) if (!succeeded.has(i) && !taken.has(i)) pending.push(i);
  return pending;
}

/**
 * Active pods that must go: an invalid index, an index that already succeeded, or a second pod
 * for one index (the first one listed stays).
 */
export function surplusIndexedPods(job: Job, active: readonly Pod[], succeeded: ReadonlySet<number>): Pod[] {
  const seen = new Set<number>();
  return active.filter((pod) => {
    const index = validIndexOf(pod, job);
    if (index === undefined || succeeded.has(index) || seen.has(index)) return true;
    seen.add(index);
    return false;
  });
}

/** The template of the pod for one index (addCompletionIndexAnnotation, hostname, env). */
export function templateForIndex(template: PodTemplateSpec, jobName: string, index: number): PodTemplateSpec {
  const copy = structuredClone(template);
  const meta = (copy.metadata ??= {});
  meta.annotations = { ...(meta.annotations ?? {}), [COMPLETION_INDEX_ANNOTATION]: String(index) };
  meta.labels = { ...(meta.labels ?? {}), [COMPLETION_INDEX_ANNOTATION]: String(index) };
  const spec = copy.spec!;
  if (!spec.hostname) spec.hostname = `${jobName}-${index}`;
  const env = { name: INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } } };
  for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
    if (!(container.env ?? []).some((e) => e.name === INDEX_ENV)) container.env = [...(container.env ?? []), env];
  }
  return copy;
}
