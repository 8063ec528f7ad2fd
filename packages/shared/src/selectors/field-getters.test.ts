import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '../api/object-types.js';
import { fieldGetterFor, supportedFieldSelectors, validateFieldSelector } from './field-getters.js';
import { parseFieldSelector } from './field-selector.js';

const boundPod: KubernetesObject = {
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default' },
  spec: { nodeName: 'node-a', schedulerName: 'default-scheduler', restartPolicy: 'Always', hostNetwork: true },
  status: { phase: 'Running', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.7' }, { ip: 'fd00::7' }] },
};
const pendingPod: KubernetesObject = { kind: 'Pod', metadata: { name: 'web-2', namespace: 'default' }, spec: {} };

function selects(kind: string, obj: KubernetesObject, selector: string): boolean {
  return parseFieldSelector(selector).matches(fieldGetterFor(kind, obj));
}

describe('fieldGetterFor', () => {
  it('reads pod fields the way the pod registry exposes them', () => {
    const get = fieldGetterFor('Pod', boundPod);
    expect(get('spec.nodeName')).toBe('node-a');
    expect(get('spec.hostNetwork')).toBe('true');
    expect(get('status.podIP')).toBe('10.0.0.7'); // first of podIPs wins
    expect(get('status.podIPs')).toBe(''); // accepted but never populated in Kubernetes
    expect(fieldGetterFor('Pod', pendingPod)('spec.hostNetwork')).toBe('false');
    expect(get('spec.containers')).toBeUndefined();
  });

  it('matches unbound pods with spec.nodeName=', () => {
    expect(selects('Pod', pendingPod, 'spec.nodeName=')).toBe(true);
    expect(selects('Pod', boundPod, 'spec.nodeName=')).toBe(false);
    expect(selects('Pod', boundPod, 'spec.nodeName=node-a,status.phase!=Succeeded')).toBe(true);
  });

  it('matches events of cluster-scoped objects with involvedObject.namespace=', () => {
    const nodeEvent: KubernetesObject = {
      kind: 'Event',
      metadata: { name: 'n.1', namespace: 'default' },
      involvedObject: { kind: 'Node', name: 'node-a', uid: 'u1' },
      reason: 'Starting',
      reportingComponent: 'kubelet',
      type: 'Normal',
    };
    expect(selects('Event', nodeEvent, 'involvedObject.namespace=,involvedObject.kind=Node,involvedObject.uid=u1')).toBe(true);
    expect(selects('Event', nodeEvent, 'involvedObject.namespace=default')).toBe(false);
    expect(fieldGetterFor('Event', nodeEvent)('source')).toBe('kubelet'); // falls back to reportingComponent
    expect(fieldGetterFor('Event', { ...nodeEvent, source: { component: 'scheduler' } })('source')).toBe('scheduler');
  });

  it('formats numeric and boolean fields like Go', () => {
    expect(fieldGetterFor('ReplicaSet', { status: { replicas: 3 } })('status.replicas')).toBe('3');
    expect(fieldGetterFor('ReplicaSet', {})('status.replicas')).toBe('0');
    expect(fieldGetterFor('Job', { status: { succeeded: 2 } })('status.successful')).toBe('2');
    expect(fieldGetterFor('Node', { spec: { unschedulable: true } })('spec.unschedulable')).toBe('true');
    expect(fieldGetterFor('Secret', { type: 'Opaque' })('type')).toBe('Opaque');
  });
});

describe('supportedFieldSelectors / validateFieldSelector', () => {
  it('gives every namespaced kind metadata.name and metadata.namespace', () => {
    expect(supportedFieldSelectors('ConfigMap')).toEqual(['metadata.name', 'metadata.namespace']);
    expect(supportedFieldSelectors('Pod')).toContain('status.nominatedNodeName');
    expect(supportedFieldSelectors('Event')).toContain('involvedObject.resourceVersion');
  });

  it('follows the Node and Namespace conversion functions, which omit metadata.namespace', () => {
    expect(supportedFieldSelectors('Node')).toEqual(['metadata.name', 'spec.unschedulable']);
    expect(validateFieldSelector('Node', parseFieldSelector('metadata.namespace=x'))).toBe('field label not supported: metadata.namespace');
    expect(validateFieldSelector('Namespace', parseFieldSelector('status.phase=Active'))).toBeUndefined();
  });

  it('reports the first unsupported label', () => {
    expect(validateFieldSelector('Pod', parseFieldSelector('spec.nodeName=a,status.phase=Running'))).toBeUndefined();
    expect(validateFieldSelector('Pod', parseFieldSelector('spec.nodeName=a,spec.foo=b'))).toBe('field label not supported: spec.foo');
    expect(validateFieldSelector('ConfigMap', parseFieldSelector('data.x=1'))).toBe('field label not supported: data.x');
    expect(validateFieldSelector('constructor', parseFieldSelector('metadata.name=x'))).toBeUndefined();
  });
});
