// CronJobs: `NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE` · wide `CONTAINERS IMAGES SELECTOR`.
import type { ICronJob } from 'kubernetes-models/batch/v1';
import { containerCells } from './container-cells.js';
import { age } from './human-duration.js';
import { formatLabelSelector } from './label-strings.js';
import { ageColumn, column, containerColumns, definePrinter, nameColumn, wideColumn } from './printer.js';

/** printBoolPtr: a string, not a JSON boolean, although the column is declared boolean. */
function boolPointerCell(value: boolean | undefined): string {
  if (value === undefined || value === null) return '<unset>';
  return value ? 'True' : 'False';
}

export const cronJobPrinter = definePrinter<ICronJob>({
  columns: [
    nameColumn(),
    column('Schedule', 'The schedule in Cron format.'),
    column('Timezone', 'The time zone name for the given schedule.'),
    column('Suspend', 'Whether subsequent executions are suspended.', { type: 'boolean' }),
    column('Active', 'The number of currently running jobs.', { type: 'integer' }),
    column('Last Schedule', 'How long ago a job was last scheduled.'),
    ageColumn(),
    ...containerColumns(),
    wideColumn('Selector', 'A label query over pods that should match the pod count.'),
  ],
  cells(cronJob, now) {
    const jobSpec = cronJob.spec?.jobTemplate?.spec;
    const lastSchedule = cronJob.status?.lastScheduleTime;
    return [
      cronJob.metadata?.name ?? '',
      cronJob.spec?.schedule ?? '',
      cronJob.spec?.timeZone ?? '<none>',
      boolPointerCell(cronJob.spec?.suspend),
      cronJob.status?.active?.length ?? 0,
      lastSchedule ? age(lastSchedule, now) : '<none>',
      age(cronJob.metadata?.creationTimestamp, now),
      ...containerCells(jobSpec?.template?.spec?.containers),
      formatLabelSelector(jobSpec?.selector),
    ];
  },
});
