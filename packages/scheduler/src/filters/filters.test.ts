import { describe, expect, it } from 'vitest';
import { info, node, nodeInfo, pod, withRequests } from '../fixtures.test-support.js';
import { nodeUnschedulable } from './node-unschedulable.js';
import { taintToleration } from './taint-toleration.js';
import { nodeAffinity } from './node-affinity.js';
import { nodePorts } from './node-ports.js';
import { nodeResourcesFit } from './node-resources-fit.js';
import type { Toleration } from '@kctl/shared';

const reasons = (f: { reasons: string[]; code: string } | undefined) => (f ? `${f.code}: ${f.reasons.join(' | ')}` : 'fits');

describe('NodeUnschedulable', () => {
  const cordoned = nodeInfo(node('n1', { spec: { unschedulable: true } }));
  it('refuses a cordoned node unless the pod tolerates it', () => {
    expect(reasons(nodeUnschedulable.filter(info(pod('p')), cordoned))).toBe('UnschedulableAndUnresolvable: node(s) were unschedulable');
    const tolerant = pod('t', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(nodeUnschedulable.filter(info(tolerant), cordoned)).toBeUndefined();
    expect(nodeUnschedulable.filter(info(pod('p')), nodeInfo(node('n2')))).toBeUndefined();
  });
});

describe('TaintToleration', () => {
  const tainted = nodeInfo(node('n1', { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'soft', effect: 'PreferNoSchedule' }] } }));
  it('names the first untolerated NoSchedule/NoExecute taint as {key: value}', () => {
    expect(reasons(taintToleration.filter(info(pod('p')), tainted))).toBe('UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}');
  });
  it('honours Equal, Exists and empty-key tolerations; PreferNoSchedule never blocks', () => {
    const tolerations: Toleration[] = [
      { key: 'dedicated', operator: 'Equal', value: 'gpu' },
      { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' },
      { operator: 'Exists' },
    ];
    for (const t of tolerations) {
      expect(taintToleration.filter(info(pod('p', { tolerations: [t] })), tainted)).toBeUndefined();
    }
    expect(taintToleration.filter(info(pod('p', { tolerations: [{ key: 'dedicated', value: 'cpu' }] })), tainted)).toBeDefined();
    expect(taintToleration.filter(info(pod('p', { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }] })), tainted)).toBeDefined();
  });
  it('treats a node that is not Ready as tainted not-ready (False) or unreachable (Unknown/missing)', () => {
    expect(reasons(taintToleration.filter(info(pod('p')), nodeInfo(node('n', { ready: 'False' }))))).toBe(
      'UnschedulableAndUnresolvable: node(s) had untolerated taint {node.kubernetes.io/not-ready: }',
    );
    expect(reasons(taintToleration.filter(info(pod('p')), nodeInfo(node('n', { ready: null }))))).toBe(
      'UnschedulableAndUnresolvable: node(s) had untolerated taint {node.kubernetes.io/unreachable: }',
    );
    const daemon = pod('d', { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }] });
    expect(taintToleration.filter(info(daemon), nodeInfo(node('n', { ready: 'False' })))).toBeUndefined();
  });
});

describe('NodeAffinity', () => {
  const n = nodeInfo(node('n1', { labels: { disk: 'ssd', gen: '5', zone: 'a' } }));
  const fail = "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector";
  const required = (...nodeSelectorTerms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } } }) as never;

  it('checks nodeSelector labels', () => {
    expect(nodeAffinity.filter(info(pod('p', { nodeSelector: { disk: 'ssd' } })), n)).toBeUndefined();
    expect(reasons(nodeAffinity.filter(info(pod('p', { nodeSelector: { disk: 'hdd' } })), n))).toBe(fail);
  });

  it.each([
    [{ key: 'disk', operator: 'In', values: ['ssd', 'nvme'] }, true],
    [{ key: 'disk', operator: 'NotIn', values: ['ssd'] }, false],
    [{ key: 'missing', operator: 'NotIn', values: ['x'] }, true],
    [{ key: 'disk', operator: 'Exists' }, true],
    [{ key: 'disk', operator: 'DoesNotExist' }, false],
    [{ key: 'gen', operator: 'Gt', values: ['4'] }, true],
    [{ key: 'gen', operator: 'Lt', values: ['5'] }, false],
    [{ key: 'disk', operator: 'Gt', values: ['1'] }, false],
  ])('matchExpressions %o → %s', (expr, fits) => {
    expect(nodeAffinity.filter(info(pod('p', required({ matchExpressions: [expr] }))), n) === undefined).toBe(fits);
  });

  it('ORs terms, ANDs inside a term, matches metadata.name fields, and an empty term matches nothing', () => {
    const miss = { matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd'] }] };
    const hit = { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] };
    expect(nodeAffinity.filter(info(pod('p', required(miss, hit))), n)).toBeUndefined();
    expect(nodeAffinity.filter(info(pod('p', required({ ...hit, ...miss }))), n)).toBeDefined();
    expect(nodeAffinity.filter(info(pod('p', required({}))), n)).toBeDefined();
  });
});

describe('NodePorts', () => {
  const port = (hostPort: number, extra = {}) => ({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort, ...extra }] }] });
  it('refuses a host port already taken for the same protocol and overlapping address', () => {
    const n = nodeInfo(node('n1'), pod('a', port(8080)));
    expect(reasons(nodePorts.filter(info(pod('b', port(8080))), n))).toBe("Unschedulable: node(s) didn't have free ports for the requested pod ports");
    expect(nodePorts.filter(info(pod('b', port(8081))), n)).toBeUndefined();
    expect(nodePorts.filter(info(pod('b', port(8080, { protocol: 'UDP' }))), n)).toBeUndefined();
    const specific = nodeInfo(node('n2'), pod('a', port(8080, { hostIP: '127.0.0.1' })));
    expect(nodePorts.filter(info(pod('b', port(8080, { hostIP: '127.0.0.2' }))), specific)).toBeUndefined();
    expect(nodePorts.filter(info(pod('b', port(8080))), specific)).toBeDefined();
  });
});

describe('NodeResourcesFit', () => {
  it('subtracts what bound pods request and lists every shortfall', () => {
    const n = nodeInfo(node('n1', { cpu: '2', memory: '1Gi', pods: '2' }), pod('a', withRequests({ cpu: '1500m', memory: '512Mi' })));
    expect(nodeResourcesFit.filter(info(pod('b', withRequests({ cpu: '500m', memory: '512Mi' }))), n)).toBeUndefined();
    expect(reasons(nodeResourcesFit.filter(info(pod('b', withRequests({ cpu: '501m', memory: '513Mi' }))), n))).toBe('Unschedulable: Insufficient cpu | Insufficient memory');
    const full = nodeInfo(node('n1', { pods: '1' }), pod('a'));
    expect(reasons(nodeResourcesFit.filter(info(pod('b')), full))).toBe('Unschedulable: Too many pods');
    expect(reasons(nodeResourcesFit.filter(info(pod('g', withRequests({ 'nvidia.com/gpu': '1' }))), nodeInfo(node('n'))))).toBe('Unschedulable: Insufficient nvidia.com/gpu');
  });

  it('counts the largest init container, sidecars, and overhead', () => {
    const n = nodeInfo(node('n1', { cpu: '1' }));
    const initHeavy = pod('i', {
      initContainers: [{ name: 'init', image: 'x', resources: { requests: { cpu: '1200m' } } }],
      containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '100m' } } }],
    });
    expect(reasons(nodeResourcesFit.filter(info(initHeavy), n))).toBe('Unschedulable: Insufficient cpu');
    const sidecar = pod('s', {
      initContainers: [{ name: 'side', image: 'x', restartPolicy: 'Always', resources: { requests: { cpu: '600m' } } }],
      containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '300m' } } }],
      overhead: { cpu: '200m' },
    });
    expect(reasons(nodeResourcesFit.filter(info(sidecar), n))).toBe('Unschedulable: Insufficient cpu');
  });
});
