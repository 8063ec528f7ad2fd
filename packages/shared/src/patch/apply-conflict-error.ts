// The 409 kube-apiserver answers a conflicting server-side apply with (apiserver
// internal/conflict.go): kubectl prints its message followed by the --force-conflicts advice.
import { ApiError } from '../api/api-errors.js';
import type { ApplyConflict } from './server-side-apply.js';

/** `"kubectl-client-side-apply" using apps/v1` for Update owners, `"kubectl"` for appliers. */
function describeManager(conflict: ApplyConflict): string {
  const name = JSON.stringify(conflict.manager);
  return conflict.operation === 'Update' ? `${name} using ${conflict.apiVersion}` : name;
}

export function applyConflictError(conflicts: readonly ApplyConflict[]): ApiError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${describeManager(c)}`, field: c.field }));
  return new ApiError(409, 'Conflict', conflictMessage(conflicts), { causes });
}

function conflictMessage(conflicts: readonly ApplyConflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only) return `Apply failed with 1 conflict: conflict with ${describeManager(only)}: ${only.field}`;
  const byManager = new Map<string, string[]>();
  for (const conflict of conflicts) {
    const manager = describeManager(conflict);
    byManager.set(manager, [...(byManager.get(manager) ?? []), conflict.field]);
  }
  const lines = [...byManager.keys()]
    .sort()
    .flatMap((manager) => [`conflicts with ${manager}:`, ...(byManager.get(manager) ?? []).map((field) => `- ${field}`)]);
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
