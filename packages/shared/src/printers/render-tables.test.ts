// kubectl's human-readable rendering of server Tables. The expected strings were checked
// against kubectl 1.32.4 talking to a stub server that returned these same Tables.
import { describe, expect, it } from 'vitest';
import type { KubernetesObject, Table } from '../api/object-types.js';
import { buildTable } from './build-table.js';
import { printerFor } from './printer-registry.js';
import { renderTables, TableRenderer, type RenderTablesOptions } from './render-tables.js';

const now = new Date('2025-01-10T12:00:00Z');
const ago = (seconds: number): string => new Date(now.getTime() - seconds * 1000).toISOString();
const plain: RenderTablesOptions = { wide: false, noHeaders: false, showLabels: false, labelColumns: [], withNamespace: false };

const nginx: KubernetesObject = {
  metadata: { name: 'nginx', namespace: 'default', creationTimestamp: ago(300), labels: { app: 'nginx', 'app.kubernetes.io/name': 'web' } },
  spec: { containers: [{ name: 'c' }], nodeName: 'node-1' },
  status: { phase: 'Running', podIP: '10.244.0.5', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] },
};
const pending: KubernetesObject = {
  metadata: { name: 'a-much-longer-pod-name-here', namespace: 'kube-system', creationTimestamp: ago(7200) },
  spec: { containers: [{ name: 'c' }] },
  status: { phase: 'Pending' },
};
const kubernetesService: KubernetesObject = {
  metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: ago(9000) },
  spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ port: 443, protocol: 'TCP' }] },
};
const node: KubernetesObject = {
  metadata: { name: 'node-1', creationTimestamp: ago(90000), labels: { 'node-role.kubernetes.io/control-plane': '' } },
  status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.32.0' } },
};
const pulled: KubernetesObject = {
  metadata: { name: 'nginx.1', namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'nginx' },
  reason: 'Pulled',
  message: 'Successfully pulled\nsecond line',
  type: 'Normal',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: ago(20),
  lastTimestamp: ago(20),
  count: 1,
};

const table = (resource: string, objects: KubernetesObject[]): Table => buildTable(objects, printerFor('', resource), { now });

describe('renderTables', () => {
  it('upper-cases headers and aligns cells', () => {
    expect(renderTables([{ table: table('pods', [nginx]) }], plain)).toBe('NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          5m\n');
  });

  it('prepends NAMESPACE for -A and shows priority-1 columns only with -o wide', () => {
    const pods = table('pods', [nginx, pending]);
    expect(renderTables([{ table: pods }], { ...plain, withNamespace: true })).toBe(
      'NAMESPACE     NAME                          READY   STATUS    RESTARTS   AGE\n' +
        'default       nginx                         1/1     Running   0          5m\n' +
        'kube-system   a-much-longer-pod-name-here   0/1     Pending   0          120m\n',
    );
    expect(renderTables([{ table: pods }], { ...plain, wide: true }).split('\n')[0]).toBe(
      'NAME                          READY   STATUS    RESTARTS   AGE    IP           NODE     NOMINATED NODE   READINESS GATES',
    );
  });

  it('appends -L columns (header = last key segment) and LABELS for --show-labels', () => {
    const out = renderTables([{ table: table('pods', [nginx, pending]) }], { ...plain, labelColumns: ['app.kubernetes.io/name'], showLabels: true });
    expect(out).toBe(
      'NAME                          READY   STATUS    RESTARTS   AGE    NAME   LABELS\n' +
        'nginx                         1/1     Running   0          5m     web    app.kubernetes.io/name=web,app=nginx\n' +
        'a-much-longer-pod-name-here   0/1     Pending   0          120m          <none>\n',
    );
  });

  it('prefixes names with their kind and separates kinds with a blank line', () => {
    const out = renderTables(
      [
        { table: table('pods', [nginx]), kindPrefix: 'pod' },
        { table: table('configmaps', []), kindPrefix: 'configmap' },
        { table: table('services', [kubernetesService]), kindPrefix: 'service' },
      ],
      plain,
    );
    expect(out).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE\npod/nginx   1/1     Running   0          5m\n\n' +
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   150m\n',
    );
  });

  it('prints no blank line without headers, nor before the first non-empty table', () => {
    const pods = { table: table('pods', [nginx]), kindPrefix: 'pod' };
    const services = { table: table('services', [kubernetesService]), kindPrefix: 'service' };
    expect(renderTables([pods, services], { ...plain, noHeaders: true })).toBe(
      'pod/nginx   1/1   Running   0     5m\nservice/kubernetes   ClusterIP   10.96.0.1   <none>   443/TCP   150m\n',
    );
    expect(renderTables([{ table: table('configmaps', []), kindPrefix: 'configmap' }, services], plain).startsWith('NAME ')).toBe(true);
  });

  it('prefixes only with --show-kind when a single kind is printed', () => {
    const services = [{ table: table('services', [kubernetesService]), kindPrefix: 'service' }];
    expect(renderTables(services, plain)).toMatch(/^NAME {9}/);
    expect(renderTables(services, { ...plain, showKind: true })).toMatch(/\nservice\/kubernetes /);
  });

  it('puts the Event kind prefix in the hidden wide Name column and cuts multi-line messages', () => {
    const events = [{ table: table('events', [pulled]), kindPrefix: 'event' }, { table: table('services', [kubernetesService]), kindPrefix: 'service' }];
    expect(renderTables(events, plain).split('\n').slice(0, 2)).toEqual([
      'LAST SEEN   TYPE     REASON   OBJECT      MESSAGE',
      '20s         Normal   Pulled   pod/nginx   Successfully pulled...',
    ]);
    expect(renderTables(events, { ...plain, wide: true }).split('\n')[1]).toMatch(/ 1 {7}event\/nginx\.1$/);
  });

  it('gives cluster-scoped kinds no NAMESPACE column, unless a namespaced kind came first', () => {
    const nodes = { table: table('nodes', [node]), kindPrefix: 'node', namespaced: false };
    const pods = { table: table('pods', [nginx]), kindPrefix: 'pod' };
    const nodesFirst = renderTables([nodes, pods], { ...plain, withNamespace: true });
    expect(nodesFirst.split('\n')[0]).toBe('NAME          STATUS   ROLES           AGE   VERSION');
    // kubectl's printer flags are shared between kinds, so the column sticks once shown.
    const podsFirst = renderTables([pods, nodes], { ...plain, withNamespace: true });
    expect(podsFirst.split('\n').slice(-3)).toEqual(['NAMESPACE   NAME          STATUS   ROLES           AGE   VERSION', '            node/node-1   Ready    control-plane   25h   v1.32.0', '']);
  });

  it('prints non-string cells like Go and leaves cells of rows without metadata empty', () => {
    const cm = buildTable([{ metadata: { name: 'cm', namespace: 'default', creationTimestamp: ago(60) }, data: { a: '1' } }], printerFor('', 'configmaps'), { now, includeObject: 'None' });
    expect(renderTables([{ table: cm }], { ...plain, withNamespace: true })).toBe('NAMESPACE   NAME   DATA   AGE\n            cm     1      60s\n');
  });
});

describe('TableRenderer (kubectl get -w)', () => {
  it('reuses the last columns for header-less watch tables and keeps widths across flushes', () => {
    const renderer = new TableRenderer(plain);
    renderer.print({ table: table('pods', [pending]) });
    expect(renderer.flush()).toBe('NAME                          READY   STATUS    RESTARTS   AGE\na-much-longer-pod-name-here   0/1     Pending   0          120m\n');
    const event = buildTable([nginx], printerFor('', 'pods'), { now, noHeaders: true });
    renderer.print({ table: event });
    expect(renderer.flush()).toBe('nginx                         1/1     Running   0          5m\n');
  });

  it('does not repeat headers for identical column definitions, and prints them after an empty table', () => {
    const renderer = new TableRenderer(plain);
    renderer.print({ table: table('pods', []) });
    expect(renderer.flush()).toBe('');
    renderer.print({ table: table('pods', [nginx]) });
    renderer.print({ table: table('pods', [nginx]) });
    expect(renderer.flush()).toBe('NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          5m\nnginx   1/1     Running   0          5m\n');
  });
});
