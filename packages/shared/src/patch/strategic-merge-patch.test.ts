import { describe, expect, it } from 'vitest';
import { PatchError } from './patch-error.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

const DEPLOYMENT = { group: 'apps', kind: 'Deployment' };
const POD = { group: '', kind: 'Pod' };

/** The live Deployment the captured `kubectl apply` patch (kubectl-wire-protocol.md §12) was made against. */
function liveDeployment() {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { a: '1', b: '2' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{old}\n' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'one', image: 'nginx:1', env: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }], ports: [{ containerPort: 80 }, { containerPort: 81 }] },
            { name: 'two', image: 'busybox' },
          ],
          volumes: [{ name: 'v1', emptyDir: {} }],
        },
      },
    },
    status: { replicas: 1 },
  };
}

const CAPTURED_KUBECTL_APPLY_PATCH = {
  metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{new}\n' }, labels: { b: null } },
  spec: {
    replicas: 2,
    strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' },
    template: {
      spec: {
        '$setElementOrder/containers': [{ name: 'one' }],
        '$setElementOrder/volumes': [{ name: 'v1' }],
        containers: [
          {
            '$setElementOrder/env': [{ name: 'A' }],
            '$setElementOrder/ports': [{ containerPort: 81 }],
            env: [{ $patch: 'delete', name: 'B' }],
            image: 'nginx:2',
            name: 'one',
            ports: [{ $patch: 'delete', containerPort: 80 }],
          },
          { $patch: 'delete', name: 'two' },
        ],
        volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' }, emptyDir: null, name: 'v1' }],
      },
    },
  },
};

describe('applyStrategicMergePatch', () => {
  it('applies the patch kubectl apply sent for a changed Deployment', () => {
    const live = liveDeployment();
    const before = structuredClone(live);
    const result = applyStrategicMergePatch(live, CAPTURED_KUBECTL_APPLY_PATCH, DEPLOYMENT);
    expect(result).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { a: '1' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{new}\n' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'Recreate' },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'one', image: 'nginx:2', env: [{ name: 'A', value: 'a' }], ports: [{ containerPort: 81 }] }],
            volumes: [{ name: 'v1', configMap: { name: 'cm' } }],
          },
        },
      },
      status: { replicas: 1 },
    });
    expect(live).toEqual(before);
    expect(JSON.stringify(result)).not.toContain('$');
  });

  it.each([
    {
      name: 'list item deleted by merge key',
      doc: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } },
      patch: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } },
      expected: { spec: { containers: [{ name: 'b', image: 'y' }] } },
    },
    {
      name: 'keyed items merge recursively',
      doc: { spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, name: 'http' }] }] } },
      patch: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }] }, { name: 'c', image: 'z' }] } },
      expected: {
        spec: {
          containers: [
            { name: 'a', image: 'x', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }] },
            { name: 'c', image: 'z' },
          ],
        },
      },
    },
    {
      name: 'untagged lists (tolerations, args) are replaced',
      doc: { spec: { tolerations: [{ key: 'a' }, { key: 'b' }], containers: [{ name: 'a', args: ['1', '2'] }] } },
      patch: { spec: { tolerations: [{ key: 'c' }], containers: [{ name: 'a', args: ['3'] }] } },
      expected: { spec: { tolerations: [{ key: 'c' }], containers: [{ name: 'a', args: ['3'] }] } },
    },
    {
      name: 'null deletes a key, maps merge',
      doc: { metadata: { labels: { a: '1', b: '2' } }, spec: { nodeName: 'n1' } },
      patch: { metadata: { labels: { a: null, c: '3' } } },
      expected: { metadata: { labels: { b: '2', c: '3' } }, spec: { nodeName: 'n1' } },
    },
    {
      name: '$patch: replace on a map replaces it',
      doc: { spec: { nodeSelector: { a: '1', b: '2' } } },
      patch: { spec: { nodeSelector: { $patch: 'replace', c: '3' } } },
      expected: { spec: { nodeSelector: { c: '3' } } },
    },
    {
      name: '$patch: delete on a map empties it',
      doc: { spec: { securityContext: { runAsUser: 1 } } },
      patch: { spec: { securityContext: { $patch: 'delete' } } },
      expected: { spec: { securityContext: {} } },
    },
    {
      name: '$patch: replace item replaces a merge list',
      doc: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      patch: { spec: { containers: [{ name: 'c' }, { $patch: 'replace' }] } },
      expected: { spec: { containers: [{ name: 'c' }] } },
    },
    {
      // Items the patch names take the patch's order (apimachinery normalizeElementOrder).
      name: 'finalizers merge as a set; $deleteFromPrimitiveList removes values',
      doc: { metadata: { finalizers: ['a', 'b'] } },
      patch: { metadata: { finalizers: ['c', 'a'], '$deleteFromPrimitiveList/finalizers': ['b'] } },
      expected: { metadata: { finalizers: ['c', 'a'] } },
    },
    {
      // sidecar preceded b on the server, so it stays in front of b.
      name: '$setElementOrder reorders and keeps server-only items in place',
      doc: { spec: { containers: [{ name: 'a' }, { name: 'sidecar' }, { name: 'b' }] } },
      patch: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } },
      expected: { spec: { containers: [{ name: 'sidecar' }, { name: 'b' }, { name: 'a' }] } },
    },
    {
      // A new item the server cannot place goes in front, as in Kubernetes.
      name: 'ownerReferences merge by uid, conditions by type',
      doc: {
        metadata: { ownerReferences: [{ uid: 'u1', name: 'rs1' }] },
        status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Initialized', status: 'True' }] },
      },
      patch: { metadata: { ownerReferences: [{ uid: 'u2', name: 'rs2' }] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
      expected: {
        metadata: { ownerReferences: [{ uid: 'u2', name: 'rs2' }, { uid: 'u1', name: 'rs1' }] },
        status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }] },
      },
    },
    {
      name: 'a new list with a delete directive stores no directive',
      doc: { spec: {} },
      patch: { spec: { volumes: [{ name: 'x', $patch: 'delete' }, { name: 'y', emptyDir: {} }] } },
      expected: { spec: { volumes: [{ name: 'y', emptyDir: {} }] } },
    },
  ])('$name', ({ doc, patch, expected }) => {
    expect(applyStrategicMergePatch(doc, patch, POD)).toEqual(expected);
  });

  it('switches a Deployment strategy from RollingUpdate to Recreate with $retainKeys', () => {
    const doc = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } };
    expect(applyStrategicMergePatch(doc, patch, DEPLOYMENT)).toEqual({ spec: { strategy: { type: 'Recreate' } } });
    // Without the directive, a plain merge keeps the stale rollingUpdate.
    expect(applyStrategicMergePatch(doc, { spec: { strategy: { type: 'Recreate' } } }, DEPLOYMENT)).toEqual({
      spec: { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } },
    });
  });

  it('merges pod template containers inside a CronJob', () => {
    const doc = { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b' }] } } } } } };
    const patch = { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', image: '2' }] } } } } } };
    expect(applyStrategicMergePatch(doc, patch, { group: 'batch', kind: 'CronJob' })).toEqual({
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', image: '2' }, { name: 'b' }] } } } } },
    });
  });

  it('merges Service ports by port and Node addresses by type', () => {
    const svc = { spec: { ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] } };
    expect(applyStrategicMergePatch(svc, { spec: { ports: [{ port: 443, targetPort: 8443 }] } }, { group: '', kind: 'Service' })).toEqual({
      spec: { ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https', targetPort: 8443 }] },
    });
    const node = { status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n1' }] } };
    expect(applyStrategicMergePatch(node, { status: { addresses: [{ type: 'InternalIP', address: '10.0.0.2' }] } }, { group: '', kind: 'Node' })).toEqual({
      status: { addresses: [{ type: 'InternalIP', address: '10.0.0.2' }, { type: 'Hostname', address: 'n1' }] },
    });
  });

  it.each([
    {
      name: 'delete item without merge key',
      patch: { spec: { template: { spec: { containers: [{ $patch: 'delete', image: 'x' }] } } } },
      message: /does not contain declared merge key: name/,
    },
    { name: 'patch key outside $retainKeys', patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, message: /invalid patch format of retainKeys/ },
    { name: 'unknown map directive', patch: { spec: { $patch: 'explode' } }, message: /unknown patch type: explode/ },
  ])('rejects a malformed patch: $name', ({ patch, message }) => {
    const doc = { spec: { template: { spec: { containers: [{ name: 'a' }] } }, strategy: { type: 'Recreate' } } };
    const error = (() => {
      try {
        applyStrategicMergePatch(doc, patch, DEPLOYMENT);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PatchError);
    expect((error as PatchError).code).toBe(400);
    expect((error as PatchError).message).toMatch(message);
  });
});
