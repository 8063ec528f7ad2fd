import { describe, expect, it } from 'vitest';
import { deletionConditions, mergeConditions } from './deletion-conditions.js';

describe('namespace deletion conditions', () => {
  it('words what remains as Kubernetes does', () => {
    const conditions = deletionConditions({
      errors: [],
      remaining: new Map([['pods.', 2], ['deployments.apps', 1]]),
      finalizers: new Map([['foregroundDeletion', 1]]),
    });
    expect(conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain'],
      ['NamespaceFinalizersRemaining', 'True', 'SomeFinalizersRemain'],
    ]);
    expect(conditions[3]?.message).toBe('Some resources are remaining: deployments.apps has 1 resource instances, pods. has 2 resource instances');
    expect(conditions[4]?.message).toBe('Some content in the namespace has finalizers remaining: foregroundDeletion in 1 resource instances');
  });

  it('reports failures as an aggregate', () => {
    const [, , failure] = deletionConditions({ errors: ['a', 'b'], remaining: new Map(), finalizers: new Map() });
    expect(failure).toMatchObject({ status: 'True', reason: 'ContentDeletionFailed', message: 'Failed to delete all resource types, 2 remaining: [a, b]' });
  });

  it('moves lastTransitionTime only for changed conditions', () => {
    const first = mergeConditions([], deletionConditions({ errors: [], remaining: new Map([['pods.', 1]]), finalizers: new Map() }), 't1');
    expect(first.changed).toBe(true);
    const same = mergeConditions(first.conditions, deletionConditions({ errors: [], remaining: new Map([['pods.', 1]]), finalizers: new Map() }), 't2');
    expect(same.changed).toBe(false);
    const done = mergeConditions(first.conditions, deletionConditions({ errors: [], remaining: new Map(), finalizers: new Map() }), 't3');
    expect(done.conditions.find((c) => c.type === 'NamespaceContentRemaining')).toMatchObject({ status: 'False', lastTransitionTime: 't3' });
    expect(done.conditions.find((c) => c.type === 'NamespaceDeletionContentFailure')?.lastTransitionTime).toBe('t1');
  });
});
