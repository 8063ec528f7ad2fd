// A readable diff for "may not change" errors. Kubernetes appends Go's cmp.Diff of the two specs;
// we list each changed path with its old (-) and new (+) JSON value.
import { isRecord, jsonEqual } from './object-access.js';

export function describeDiff(old: unknown, current: unknown, path = 'spec'): string {
  if (jsonEqual(old, current)) return '';
  if (isRecord(old) && isRecord(current)) {
    const keys = [...new Set([...Object.keys(old), ...Object.keys(current)])].sort();
    return keys.map((key) => describeDiff(old[key], current[key], `${path}.${key}`)).join('');
  }
  if (Array.isArray(old) && Array.isArray(current) && old.length === current.length) {
    return old.map((item, i) => describeDiff(item, current[i], `${path}[${i}]`)).join('');
  }
  return `  ${path}:\n-   ${JSON.stringify(old ?? null)}\n+   ${JSON.stringify(current ?? null)}\n`;
}
