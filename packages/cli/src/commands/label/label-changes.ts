// The pure part of `kctl label` / `kctl annotate`: parsing KEY=VALUE / KEY- arguments, checking
// overwrites, and computing the merge patch and the "labeled" message, with kubectl's wording
// (pkg/cmd/label, pkg/cmd/annotate, cmdutil.GetResourcesAndPairs / ParsePairs).
import { isValidLabelValue } from '@kctl/shared';
import { UsageError } from '../../resource-arguments.js';

/** What differs between the two verbs; everything else is shared. */
export interface MetadataMapVerb {
  /** "label" | "annotation": used in messages */
  noun: 'label' | 'annotation';
  /** metadata field the verb edits */
  field: 'labels' | 'annotations';
  fieldManager: string;
}

export const LABEL_VERB: MetadataMapVerb = { noun: 'label', field: 'labels', fieldManager: 'kubectl-label' };
export const ANNOTATE_VERB: MetadataMapVerb = { noun: 'annotation', field: 'annotations', fieldManager: 'kubectl-annotate' };

export interface MapChanges {
  set: Map<string, string>;
  remove: string[];
}

function isPair(arg: string): boolean {
  return (arg.includes('=') && !arg.startsWith('=')) || (arg.endsWith('-') && arg !== '-');
}

/** Resources come first, then the pairs; a resource after a pair is an error (GetResourcesAndPairs). */
export function splitResourcesAndPairs(args: string[], noun: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const arg of args) {
    if (isPair(arg)) pairs.push(arg);
    else if (pairs.length > 0) throw new UsageError(`all resources must be specified before ${noun} changes: ${arg}`);
    else resources.push(arg);
  }
  return { resources, pairs };
}

/** label's parseLabels: exactly one "=", and the value must be a valid label value. */
export function parseLabelPairs(pairs: string[]): MapChanges {
  const changes: MapChanges = { set: new Map(), remove: [] };
  for (const spec of pairs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new UsageError(`invalid label spec: ${spec}`);
      const [key = '', value = ''] = parts;
      const errors = isValidLabelValue(value);
      if (errors.length > 0) throw new UsageError(`invalid label value: ${JSON.stringify(spec)}: ${errors.join(';')}`);
      changes.set.set(key, value);
    } else if (spec.endsWith('-')) {
      changes.remove.push(spec.slice(0, -1));
    } else {
      throw new UsageError(`unknown label spec: ${spec}`);
    }
  }
  if (changes.remove.some((key) => changes.set.has(key))) {
    throw new UsageError('can not both modify and remove a label in the same command');
  }
  return changes;
}

/** annotate's ParsePairs: split at the first "=", values are free text. */
export function parseAnnotationPairs(pairs: string[]): MapChanges {
  const changes: MapChanges = { set: new Map(), remove: [] };
  for (const spec of pairs) {
    const eq = spec.indexOf('=');
    if (eq > 0) changes.set.set(spec.slice(0, eq), spec.slice(eq + 1));
    else changes.remove.push(spec.slice(0, -1));
  }
  const both = changes.remove.filter((key) => changes.set.has(key));
  if (both.length > 0) {
    throw new UsageError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  }
  return changes;
}

/** The error kubectl gives when --overwrite is false and a key already has a value. */
export function overwriteError(verb: MetadataMapVerb, current: Record<string, string>, changes: MapChanges): UsageError | undefined {
  const clashes = [...changes.set.keys()]
    .filter((key) => key in current)
    // kubectl lets the change-cause annotation be overwritten freely.
    .filter((key) => !(verb.noun === 'annotation' && key === 'kubernetes.io/change-cause'))
    .map((key) => `'${key}' already has a value (${current[key] ?? ''})`);
  if (clashes.length === 0) return undefined;
  if (verb.noun === 'label') {
    // label reports through an error aggregate: one message, or "[a, b]" for several.
    const messages = clashes.map((clash) => `${clash}, and --overwrite is false`);
    return new UsageError(messages.length === 1 ? (messages[0] ?? '') : `[${messages.join(', ')}]`);
  }
  return new UsageError(`--overwrite is false but found the following declared annotation(s): ${clashes.join('; ')}`);
}

export function applyChanges(current: Record<string, string>, changes: MapChanges): Record<string, string> {
  const next = { ...current, ...Object.fromEntries(changes.set) };
  for (const key of changes.remove) delete next[key];
  return next;
}

/**
 * The JSON merge patch from `before` to `after` for one metadata map: changed keys with their
 * value, removed keys as null, `{}` when nothing changed (kubectl sends that too).
 */
export function metadataMapPatch(field: string, before: Record<string, string>, after: Record<string, string>): Record<string, unknown> {
  const diff: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(after)) if (before[key] !== value) diff[key] = value;
  for (const key of Object.keys(before)) if (!(key in after)) diff[key] = null;
  const sorted = Object.fromEntries(Object.entries(diff).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return Object.keys(sorted).length === 0 ? {} : { metadata: { [field]: sorted } };
}

/**
 * label: "not labeled" when nothing changed, "unlabeled" when only removals shrank the object
 * (and --overwrite was not given), else "labeled". annotate always says "annotated".
 */
export function changeMessage(verb: MetadataMapVerb, before: Record<string, string>, after: Record<string, string>, overwrite: boolean): string {
  if (verb.noun === 'annotation') return 'annotated';
  const same = JSON.stringify(Object.entries(before).sort()) === JSON.stringify(Object.entries(after).sort());
  if (same) return 'not labeled';
  const shrank = JSON.stringify(after).length < JSON.stringify(before).length;
  return !overwrite && shrank ? 'unlabeled' : 'labeled';
}
