// Jobs: `NAME STATUS COMPLETIONS DURATION AGE` · wide `CONTAINERS IMAGES SELECTOR`.
import type { Job } from '../api/object-types.js';
import type { IJobCondition } from 'kubernetes-models/batch/v1';
import { containerCells } from './container-cells.js';
import { age, humanDuration, parseTimestamp } from './human-duration.js';
import { formatLabelSelector } from './label-strings.js';
import { ageColumn, column, containerColumns, definePrinter, nameColumn, wideColumn } from './printer.js';

/** hasJobCondition: only the first condition of a type is consulted. */
function hasCondition(conditions: IJobCondition[], type: string): boolean {
  return conditions.find((c) => c.type === type)?.status === 'True';
}

/** Finished states win over Terminating, so a deleted-but-complete Job still reads Complete. */
function jobStatusCell(job: Job): string {
  const conditions = job.status?.conditions ?? [];
  if (hasCondition(conditions, 'Complete')) return 'Complete';
  if (hasCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completionsCell(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  // A work-queue job (parallelism without completions) finishes once one pod succeeds.
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Running time so far, or start-to-completion once finished; empty before the Job starts. */
function durationCell(job: Job, now: Date): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return '';
  const completion = parseTimestamp(job.status?.completionTime);
  return humanDuration((completion ?? now.getTime()) - start);
}

export const jobPrinter = definePrinter<Job>({
  columns: [
    nameColumn(),
    column('Status', 'Status of the job.'),
    column('Completions', 'The number of pods which reached phase Succeeded.'),
    column('Duration', 'Time required to complete the job.'),
    ageColumn(),
    ...containerColumns(),
    wideColumn('Selector', 'A label query over pods that should match the pod count.'),
  ],
  cells: (job, now) => [
    job.metadata?.name ?? '',
    jobStatusCell(job),
    completionsCell(job),
    durationCell(job, now),
    age(job.metadata?.creationTimestamp, now),
    ...containerCells(job.spec?.template?.spec?.containers),
    formatLabelSelector(job.spec?.selector),
  ],
});
