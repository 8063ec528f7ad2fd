// The ownerReferences graph alone: which nodes each informer event hands to the collector.
import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kctl/shared';
import { DependencyGraph } from './dependency-graph.js';
import type { Identity } from './object-identity.js';

function recordingGraph() {
  const calls = { delete: [] as string[], orphan: [] as string[], absent: [] as Identity[] };
  const graph = new DependencyGraph((_apiVersion, kind) => (kind === 'Node' ? false : kind === 'ConfigMap' ? true : undefined), {
    attemptToDelete: (n) => calls.delete.push(n.identity.uid),
    attemptToOrphan: (n) => calls.orphan.push(n.identity.uid),
    ownerAbsent: (id) => calls.absent.push(id),
  });
  const reset = () => {
    calls.delete.length = 0;
    calls.orphan.length = 0;
    calls.absent.length = 0;
  };
  return { graph, calls, reset };
}

function cm(uid: string, extra: { owners?: string[]; finalizers?: string[]; deleting?: boolean; block?: boolean } = {}): KubernetesObject {
  return {
    metadata: {
      name: `cm-${uid}`,
      namespace: 'ns',
      uid,
      ...(extra.owners ? { ownerReferences: extra.owners.map((o) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: `cm-${o}`, uid: o, blockOwnerDeletion: extra.block ?? true })) } : {}),
      ...(extra.finalizers ? { finalizers: extra.finalizers } : {}),
      ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
  };
}

describe('DependencyGraph', () => {
  it('creates a virtual node for an unseen owner and asks for it to be verified, once', () => {
    const { graph, calls } = recordingGraph();
    graph.observe(cm('d1', { owners: ['o'] }), 'v1', 'ConfigMap');
    graph.observe(cm('d2', { owners: ['o'] }), 'v1', 'ConfigMap');
    expect(calls.delete).toEqual(['o']);
    const owner = graph.get('o')!;
    expect(owner.observed).toBe(false);
    expect(owner.identity).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'ns', name: 'cm-o', uid: 'o' });
    expect([...owner.dependents].map((d) => d.identity.uid)).toEqual(['d1', 'd2']);
  });

  it('names a cluster-scoped owner without a namespace', () => {
    const { graph } = recordingGraph();
    graph.observe({ metadata: { name: 'lease', namespace: 'kube-node-lease', uid: 'l', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'n' }] } }, 'coordination.k8s.io/v1', 'Lease');
    expect(graph.get('n')?.identity.namespace).toBe('');
  });

  it('an observed owner deletion marks it absent and hands its dependents over', () => {
    const { graph, calls, reset } = recordingGraph();
    graph.observe(cm('o'), 'v1', 'ConfigMap');
    graph.observe(cm('d1', { owners: ['o'] }), 'v1', 'ConfigMap');
    reset();
    graph.observeDeletion(cm('o'));
    expect(calls.absent.map((i) => i.uid)).toEqual(['o']);
    expect(calls.delete).toEqual(['d1']);
    expect(graph.get('o')).toBeUndefined();
  });

  it('starting a foreground deletion hands over every dependent and the owner; a gone dependent re-checks the owner', () => {
    const { graph, calls, reset } = recordingGraph();
    graph.observe(cm('o'), 'v1', 'ConfigMap');
    graph.observe(cm('d1', { owners: ['o'] }), 'v1', 'ConfigMap');
    reset();
    graph.observe(cm('o', { deleting: true, finalizers: ['foregroundDeletion'] }), 'v1', 'ConfigMap');
    expect(calls.delete).toEqual(['d1', 'o']);
    reset();
    // The same state again is no transition.
    graph.observe(cm('o', { deleting: true, finalizers: ['foregroundDeletion'] }), 'v1', 'ConfigMap');
    expect(calls.delete).toEqual([]);
    graph.observeDeletion(cm('d1', { owners: ['o'] }));
    expect(calls.delete).toEqual(['o']);
  });

  it('a dependent that stops blocking its waiting owner re-checks the owner', () => {
    const { graph, calls, reset } = recordingGraph();
    graph.observe(cm('o', { deleting: true, finalizers: ['foregroundDeletion'] }), 'v1', 'ConfigMap');
    graph.observe(cm('d1', { owners: ['o'] }), 'v1', 'ConfigMap');
    reset();
    graph.observe(cm('d1', { owners: ['o'], block: false }), 'v1', 'ConfigMap');
    expect(calls.delete).toEqual(['o']);
  });

  it('an orphan finalizer on a deleted owner asks for orphaning', () => {
    const { graph, calls } = recordingGraph();
    graph.observe(cm('o', { deleting: true, finalizers: ['orphan'] }), 'v1', 'ConfigMap');
    expect(calls.orphan).toEqual(['o']);
  });

  it('drops a virtual owner when its last dependent lets go of it', () => {
    const { graph } = recordingGraph();
    graph.observe(cm('d1', { owners: ['o'] }), 'v1', 'ConfigMap');
    graph.observe(cm('d1'), 'v1', 'ConfigMap');
    expect(graph.get('o')).toBeUndefined();
  });

  it('keeps an observed node when a live GET by other coordinates found nothing', () => {
    const { graph, calls, reset } = recordingGraph();
    graph.observe(cm('o'), 'v1', 'ConfigMap');
    graph.observe(cm('d1', { owners: ['o'] }), 'v1', 'ConfigMap');
    reset();
    graph.verifiedAbsent({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'ns', name: 'other-name', uid: 'o' });
    expect(graph.get('o')).toBeDefined();
    expect(calls.delete).toEqual(['d1']);
  });
});
