import { describe, expect, it } from 'vitest';
import { defaultCatalog, type KubernetesObject } from '@kctl/shared';
import { resourcesWithRules, strategyFor } from './strategy-table.js';
import { describeErrors, runCreate, runStatusUpdate, runUpdate } from './strategy-pipeline.js';

describe('strategyFor', () => {
  it('has rules for every catalogued resource', () => {
    const missing = defaultCatalog.types.map((t) => `${t.group}/${t.resource}`).filter((key) => !resourcesWithRules().includes(key));
    expect(missing).toEqual([]);
  });

  it('tracks generation exactly where Kubernetes 1.32 sets metadata.generation', () => {
    const tracked = defaultCatalog.types.filter((t) => strategyFor(t.group, t.resource).tracksGeneration).map((t) => t.resource);
    expect(tracked.sort()).toEqual(['cronjobs', 'daemonsets', 'deployments', 'endpointslices', 'jobs', 'replicasets', 'statefulsets']);
  });

  it('gives unknown resources a metadata-only strategy', () => {
    const generic = strategyFor('example.com', 'widgets');
    expect(describeErrors(runCreate(generic, { metadata: { name: 'Bad' }, spec: { anything: true } }).errors)[0]).toMatch(/^metadata\.name: Invalid value: "Bad"/);
    expect(runCreate(generic, { metadata: { name: 'ok', namespace: 'ns' }, spec: { anything: true } }).errors).toEqual([]);
  });

  it('forbids a namespace on cluster-scoped kinds and requires one on namespaced kinds', () => {
    expect(describeErrors(runCreate(strategyFor('', 'configmaps'), { metadata: { name: 'c' } }).errors)).toEqual(['metadata.namespace: Required value']);
    expect(describeErrors(runCreate(strategyFor('', 'nodes'), { metadata: { name: 'n', namespace: 'x' } }).errors)).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
  });

  it('validates labels and annotation size', () => {
    const errors = describeErrors(
      runCreate(strategyFor('', 'configmaps'), {
        metadata: { name: 'c', namespace: 'd', labels: { 'bad key!': 'v', ok: 'bad value!' }, annotations: { big: 'x'.repeat(256 * 1024) } },
      }).errors,
    );
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^metadata\.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters/);
    expect(errors[1]).toMatch(/^metadata\.labels: Invalid value: "bad value!": a valid label must be an empty string/);
    expect(errors[2]).toBe('metadata.annotations: Too long: may not be more than 262144 bytes');
  });

  it('keeps names immutable on update', () => {
    const configMaps = strategyFor('', 'configmaps');
    const old = { metadata: { name: 'a', namespace: 'd' } };
    expect(describeErrors(runUpdate(configMaps, { metadata: { name: 'b', namespace: 'd' } }, old).errors)).toEqual([
      'metadata.name: Invalid value: "b": field is immutable',
    ]);
  });
});

describe('Namespace strategy', () => {
  const namespaces = strategyFor('', 'namespaces');

  it('adds the name label, the kubernetes finalizer and phase Active', () => {
    const { object, errors } = runCreate(namespaces, { metadata: { name: 'team-a' } });
    expect(errors).toEqual([]);
    expect(object).toEqual({
      metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('uses DNS-1123 label names', () => {
    expect(describeErrors(runCreate(namespaces, { metadata: { name: 'a.b' } }).errors)[0]).toMatch(
      /^metadata\.name: Invalid value: "a\.b": a lowercase RFC 1123 label/,
    );
  });

  it('keeps spec.finalizers and the name label through updates', () => {
    const old = runCreate(namespaces, { metadata: { name: 'team-a' } }).object;
    const updated = runUpdate(namespaces, { metadata: { name: 'team-a', labels: { env: 'dev' } }, spec: { finalizers: [] } }, old).object;
    expect(updated.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(updated.metadata?.labels).toEqual({ env: 'dev', 'kubernetes.io/metadata.name': 'team-a' });
  });
});

describe('Node strategy', () => {
  const nodes = strategyFor('', 'nodes');
  const node = (): KubernetesObject => ({ metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] }, status: { capacity: { cpu: '4' } } });

  it('keeps the status a kubelet registers with, defaulting allocatable', () => {
    expect(runCreate(nodes, node()).object.status).toEqual({ capacity: { cpu: '4' }, allocatable: { cpu: '4' } });
  });

  it('validates taints and keeps pod CIDRs once set', () => {
    const tainted = node();
    (tainted.spec as Record<string, unknown>).taints = [{ key: 'dedicated', effect: 'Sometimes' }];
    expect(describeErrors(runCreate(nodes, tainted).errors)).toEqual([
      'spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
    const moved = node();
    (moved.spec as Record<string, unknown>).podCIDRs = ['10.244.2.0/24'];
    expect(describeErrors(runUpdate(nodes, moved, node()).errors)).toEqual([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    ]);
  });

  it('lets the status subresource change only the status', () => {
    const heartbeat = node();
    heartbeat.spec = { unschedulable: true };
    heartbeat.status = { conditions: [{ type: 'Ready', status: 'True' }] };
    const { object } = runStatusUpdate(nodes, heartbeat, node());
    expect(object.spec).toEqual(node().spec);
    expect(object.status).toEqual({ conditions: [{ type: 'Ready', status: 'True' }] });
  });
});

describe('ConfigMap and Secret strategies', () => {
  it('validates config keys', () => {
    const errors = describeErrors(runCreate(strategyFor('', 'configmaps'), { metadata: { name: 'c', namespace: 'd' }, data: { 'bad key': 'x', ok: 'y' } }).errors);
    expect(errors[0]).toMatch(/^data\[bad key\]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters/);
  });

  it('freezes data once immutable', () => {
    const configMaps = strategyFor('', 'configmaps');
    const old = { metadata: { name: 'c', namespace: 'd' }, data: { a: '1' }, immutable: true };
    expect(describeErrors(runUpdate(configMaps, { ...old, data: { a: '2' } }, old).errors)).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });

  it('defaults the secret type, folds stringData into data and checks typed secrets', () => {
    const secrets = strategyFor('', 'secrets');
    const { object } = runCreate(secrets, { metadata: { name: 's', namespace: 'd' }, stringData: { password: 'hunter2' } });
    expect(object).toEqual({ metadata: { name: 's', namespace: 'd' }, type: 'Opaque', data: { password: Buffer.from('hunter2').toString('base64') } });
    const tls = { metadata: { name: 't', namespace: 'd' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } };
    expect(describeErrors(runCreate(secrets, tls).errors)).toEqual(['data[tls.key]: Required value']);
    expect(describeErrors(runUpdate(secrets, { ...object, type: 'kubernetes.io/tls' }, object).errors)).toContain(
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
    );
  });
});

describe('storage strategies', () => {
  it('defaults PVs and PVCs and starts them Pending', () => {
    const pv = runCreate(strategyFor('', 'persistentvolumes'), {
      metadata: { name: 'pv1' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
    });
    expect(pv.errors).toEqual([]);
    expect(pv.object.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(pv.object.status).toMatchObject({ phase: 'Pending' });

    const pvc = runCreate(strategyFor('', 'persistentvolumeclaims'), { metadata: { name: 'c', namespace: 'd' }, spec: { accessModes: ['ReadWriteOnce'] } });
    expect(describeErrors(pvc.errors)).toEqual(['spec.resources[storage]: Required value']);
    expect(pvc.object.spec).toMatchObject({ volumeMode: 'Filesystem' });
    expect(pvc.object.status).toEqual({ phase: 'Pending' });
  });

  it('lets a claim be bound and grown but not otherwise changed', () => {
    const claims = strategyFor('', 'persistentvolumeclaims');
    const old = runCreate(claims, { metadata: { name: 'c', namespace: 'd' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }).object;
    const bound = structuredClone(old);
    Object.assign(bound.spec as object, { volumeName: 'pv1', resources: { requests: { storage: '2Gi' } } });
    expect(runUpdate(claims, bound, old).errors).toEqual([]);
    const remoded = structuredClone(old);
    (remoded.spec as Record<string, unknown>).accessModes = ['ReadWriteMany'];
    expect(describeErrors(runUpdate(claims, remoded, old).errors)[0]).toMatch(
      /^spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/,
    );
  });

  it('defaults storage classes and freezes their provisioner', () => {
    const classes = strategyFor('storage.k8s.io', 'storageclasses');
    const { object, errors } = runCreate(classes, { metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path' });
    expect(errors).toEqual([]);
    expect(object).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    expect(describeErrors(runUpdate(classes, { ...object, provisioner: 'other' }, object).errors)).toEqual([
      'provisioner: Forbidden: updates to provisioner are forbidden.',
    ]);
  });
});

describe('networking and cluster strategies', () => {
  it('defaults EndpointSlice ports and validates the address type', () => {
    const slices = strategyFor('discovery.k8s.io', 'endpointslices');
    const { object, errors } = runCreate(slices, {
      metadata: { name: 'web-abc', namespace: 'd' },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.300'] }],
      ports: [{ port: 80 }],
    });
    expect(describeErrors(errors)).toEqual(['endpoints[0].addresses[0]: Invalid value: "10.0.0.300": must be a valid IPv4 address']);
    expect(object.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
  });

  it('checks leases and runtime classes', () => {
    const leases = strategyFor('coordination.k8s.io', 'leases');
    expect(describeErrors(runCreate(leases, { metadata: { name: 'node-1', namespace: 'kube-node-lease' }, spec: { leaseDurationSeconds: 0 } }).errors)).toEqual([
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    ]);
    const runtimeClasses = strategyFor('node.k8s.io', 'runtimeclasses');
    expect(runCreate(runtimeClasses, { metadata: { name: 'process' }, handler: 'process' }).errors).toEqual([]);
  });
});
