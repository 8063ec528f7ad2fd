// The "Conditions:" table of workload controllers: "Type\tStatus\tReason", where each type
// cell carries a trailing space like describe.go's "%v \t%v\t%v\n".
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0, LEVEL_1 } from './prefix-writer.js';

export interface WorkloadCondition {
  type: string;
  status: string;
  reason?: string;
}

export function describeWorkloadConditions(conditions: WorkloadCondition[] | undefined, w: PrefixWriter): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}
