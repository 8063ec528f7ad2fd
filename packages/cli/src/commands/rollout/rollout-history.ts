// kctl rollout history: the REVISION / CHANGE-CAUSE table, or one revision's pod template
// (--revision=N), printed after the object's name as kubectl's name printer does.
import type { PodTemplateSpec } from '@kctl/shared';
import { describePodTemplate } from '../../describe/pod-template.js';
import { PrefixWriter } from '../../describe/prefix-writer.js';
import { TabWriter } from '../../describe/tab-writer.js';
import type { Revision } from './revisions.js';

/** history.go's printTemplate writes straight to a buffer: tabs stay tabs, nothing is aligned. */
export function printTemplate(template: PodTemplateSpec): string {
  let text = '';
  const raw = { write: (chunk: string) => void (text += chunk), flush: () => undefined } as unknown as TabWriter;
  describePodTemplate(template, new PrefixWriter(raw));
  return text;
}

/** ViewHistory: the text kubectl puts after "kind.group/name ". */
export function viewHistory(revisions: Revision[], revision: number): string {
  const byRevision = new Map(revisions.map((r) => [r.revision, r]));
  if (byRevision.size === 0) return 'No rollout history found.';
  if (revision > 0) {
    const wanted = byRevision.get(revision);
    if (!wanted) throw new Error('unable to find the specified revision');
    return printTemplate(wanted.template);
  }
  const table = new TabWriter();
  table.write('REVISION\tCHANGE-CAUSE\n');
  for (const r of [...byRevision.keys()].sort((a, b) => a - b)) table.write(`${r}\t${byRevision.get(r)?.changeCause || '<none>'}\n`);
  table.flush();
  return table.toString();
}

/** What `rollout history` prints for one object. */
export function historyOutput(objectName: string, revisions: Revision[], revision: number): string {
  const withRevision = revision > 0 ? `with revision #${revision}` : '';
  return `${objectName} ${withRevision}\n${viewHistory(revisions, revision)}\n`;
}
