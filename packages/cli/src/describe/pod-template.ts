// The "Pod Template:" section of workload controllers (describe.go's DescribePodTemplate).
import type { PodTemplateSpec } from '@kctl/shared';
import { describeContainers } from './containers.js';
import { printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './multiline.js';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0, LEVEL_1 } from './prefix-writer.js';
import { describeTopologySpreadConstraints } from './topology-spread.js';
import { describeVolumes } from './volumes.js';

const SPACE = '  ';

export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec;
  printLabelsMultiline(w, `${SPACE}Labels`, template.metadata?.labels);
  const annotations = template.metadata?.annotations ?? {};
  if (Object.keys(annotations).length > 0) printAnnotationsMultiline(w, `${SPACE}Annotations`, annotations);
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  const initContainers = spec?.initContainers ?? [];
  if (initContainers.length > 0) describeContainers({ label: 'Init Containers', containers: initContainers, space: SPACE }, w);
  describeContainers({ label: 'Containers', containers: spec?.containers ?? [], space: SPACE }, w);
  describeVolumes(spec?.volumes, w, SPACE);
  describeTopologySpreadConstraints(spec?.topologySpreadConstraints, w, SPACE);
  if (spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, `${SPACE}Node-Selectors`, spec?.nodeSelector);
  printTolerationsMultiline(w, `${SPACE}Tolerations`, spec?.tolerations);
}
