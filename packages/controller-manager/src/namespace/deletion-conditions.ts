// The status conditions a terminating namespace carries (Kubernetes' namespaceConditionUpdater):
// one per kind of trouble, False with a "success" reason when there is none, so `kubectl
// describe ns` tells why a namespace is stuck in Terminating.

export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime?: string;
  reason: string;
  message: string;
}

/** What one pass over the namespace's content found. */
export interface ContentDeletionResult {
  /** failures to delete or list, one per resource */
  errors: string[];
  /** "pods." → remaining count, for resources with objects left */
  remaining: Map<string, number>;
  /** finalizer → how many remaining objects carry it */
  finalizers: Map<string, number>;
}

function condition(type: string, failed: boolean, failure: [string, string], success: [string, string]): NamespaceCondition {
  const [reason, message] = failed ? failure : success;
  return { type, status: failed ? 'True' : 'False', reason, message };
}

export function deletionConditions(result: ContentDeletionResult): NamespaceCondition[] {
  const remaining = [...result.remaining].sort(([a], [b]) => a.localeCompare(b)).map(([resource, n]) => `${resource} has ${n} resource instances`);
  const finalizers = [...result.finalizers].sort(([a], [b]) => a.localeCompare(b)).map(([f, n]) => `${f} in ${n} resource instances`);
  return [
    condition('NamespaceDeletionDiscoveryFailure', false, ['DiscoveryFailed', ''], ['ResourcesDiscovered', 'All resources successfully discovered']),
    condition('NamespaceDeletionGroupVersionParsingFailure', false, ['GroupVersionParsingFailed', ''], ['ParsedGroupVersions', 'All legacy kube types successfully parsed']),
    condition(
      'NamespaceDeletionContentFailure',
      result.errors.length > 0,
      ['ContentDeletionFailed', `Failed to delete all resource types, ${result.errors.length} remaining: ${formatAggregate(result.errors)}`],
      ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
    ),
    condition(
      'NamespaceContentRemaining',
      remaining.length > 0,
      ['SomeResourcesRemain', `Some resources are remaining: ${remaining.join(', ')}`],
      ['ContentRemoved', 'All content successfully removed'],
    ),
    condition(
      'NamespaceFinalizersRemaining',
      finalizers.length > 0,
      ['SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')}`],
      ['ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
    ),
  ];
}

/** utilerrors.NewAggregate's wording: one error bare, several in brackets. */
function formatAggregate(errs: string[]): string {
  return errs.length === 1 ? (errs[0] ?? '') : `[${errs.join(', ')}]`;
}

/**
 * The namespace's conditions with the new ones merged in; lastTransitionTime moves only for a
 * condition whose status, reason or message changed. `changed` says whether a write is needed.
 */
export function mergeConditions(existing: NamespaceCondition[], wanted: NamespaceCondition[], now: string): { conditions: NamespaceCondition[]; changed: boolean } {
  const conditions = existing.map((c) => ({ ...c }));
  let changed = false;
  for (const want of wanted) {
    const i = conditions.findIndex((c) => c.type === want.type);
    const current = conditions[i];
    if (!current) {
      conditions.push({ ...want, lastTransitionTime: now });
      changed = true;
    } else if (current.status !== want.status || current.reason !== want.reason || current.message !== want.message) {
      conditions[i] = { ...want, lastTransitionTime: now };
      changed = true;
    }
  }
  return { conditions, changed };
}
