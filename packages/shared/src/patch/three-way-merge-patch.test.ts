import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';
import { createThreeWayMergePatch, createTwoWayMergePatch } from './three-way-merge-patch.js';

const DEPLOYMENT = { group: 'apps', kind: 'Deployment' };
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function deployment(opts: { labels: Record<string, string>; replicas: number; strategy: object; containers: object[]; volumes: object[]; annotation: string }) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: opts.labels, annotations: { [LAST_APPLIED]: opts.annotation } },
    spec: {
      replicas: opts.replicas,
      selector: { matchLabels: { app: 'web' } },
      strategy: opts.strategy,
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: opts.containers, volumes: opts.volumes } },
    },
  };
}

/** What the user applied first (its own annotation is not part of the last-applied JSON). */
const original = (() => {
  const { metadata, ...rest } = deployment({
    labels: { a: '1', b: '2' },
    replicas: 1,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    containers: [
      { name: 'one', image: 'nginx:1', env: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }], ports: [{ containerPort: 80 }] },
      { name: 'two', image: 'busybox' },
    ],
    volumes: [{ name: 'v1', emptyDir: {} }],
    annotation: '',
  });
  return { ...rest, metadata: { name: metadata.name, labels: metadata.labels } };
})();

/** The new manifest: label b, container two, env B and port 80 gone; strategy and volume source switched. */
const modified = deployment({
  labels: { a: '1' },
  replicas: 2,
  strategy: { type: 'Recreate' },
  containers: [{ name: 'one', image: 'nginx:2', env: [{ name: 'A', value: 'a' }], ports: [{ containerPort: 81 }] }],
  volumes: [{ name: 'v1', configMap: { name: 'cm' } }],
  annotation: '{new}\n',
});

/** The live object: server defaults added, and someone already added port 81 by hand. */
const current = {
  ...deployment({
    labels: { a: '1', b: '2' },
    replicas: 1,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } },
    containers: [
      {
        name: 'one',
        image: 'nginx:1',
        imagePullPolicy: 'IfNotPresent',
        env: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }],
        ports: [{ containerPort: 80 }, { containerPort: 81 }],
      },
      { name: 'two', image: 'busybox', imagePullPolicy: 'Always' },
    ],
    volumes: [{ name: 'v1', emptyDir: {} }],
    annotation: '{old}\n',
  }),
  status: { replicas: 1 },
};

describe('createThreeWayMergePatch', () => {
  it('produces the patch kubectl apply sent (kubectl-wire-protocol.md §12), key for key', () => {
    const patch = createThreeWayMergePatch(original, modified, current, DEPLOYMENT);
    expect(JSON.stringify(patch)).toBe(
      JSON.stringify({
        metadata: { annotations: { [LAST_APPLIED]: '{new}\n' }, labels: { b: null } },
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
      }),
    );
  });

  it('round-trips: applying the patch to the live object yields the manifest plus server-owned fields', () => {
    const result = applyStrategicMergePatch(current, createThreeWayMergePatch(original, modified, current, DEPLOYMENT), DEPLOYMENT);
    expect(result).toEqual({
      ...modified,
      spec: {
        ...modified.spec,
        template: {
          ...modified.spec.template,
          spec: {
            ...modified.spec.template.spec,
            containers: [{ ...modified.spec.template.spec.containers[0], imagePullPolicy: 'IfNotPresent' }],
          },
        },
      },
      status: { replicas: 1 },
    });
  });

  it('returns {} when the manifest is unchanged', () => {
    const applied = applyStrategicMergePatch(current, createThreeWayMergePatch(original, modified, current, DEPLOYMENT), DEPLOYMENT);
    const { metadata, ...rest } = modified;
    const lastApplied = { ...rest, metadata: { name: metadata.name, labels: metadata.labels } };
    expect(createThreeWayMergePatch(lastApplied, modified, applied, DEPLOYMENT)).toEqual({});
  });

  it('never deletes fields it did not apply', () => {
    const live = { metadata: { name: 'p', labels: { mine: '1', theirs: '2' } }, spec: { nodeName: 'n1' } };
    const manifest = { metadata: { name: 'p', labels: { mine: '1' } } };
    expect(createThreeWayMergePatch(manifest, manifest, live, { group: '', kind: 'Pod' })).toEqual({});
  });

  it('treats a missing last-applied configuration as "nothing to delete"', () => {
    const live = { metadata: { name: 'p', labels: { a: '1' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const manifest = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'y' }] } };
    expect(createThreeWayMergePatch(undefined, manifest, live, { group: '', kind: 'Pod' })).toEqual({
      spec: { '$setElementOrder/containers': [{ name: 'c' }], containers: [{ image: 'y', name: 'c' }] },
    });
  });

  it('emits $deleteFromPrimitiveList for dropped finalizers', () => {
    const last = { metadata: { finalizers: ['a', 'b'] } };
    const manifest = { metadata: { finalizers: ['a'] } };
    const patch = createThreeWayMergePatch(last, manifest, last, { group: '', kind: 'Pod' });
    expect(patch).toEqual({ metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['a'] } });
    expect(applyStrategicMergePatch(last, patch, { group: '', kind: 'Pod' })).toEqual(manifest);
  });
});

describe('createTwoWayMergePatch', () => {
  it('turns original into modified', () => {
    const before = { metadata: { labels: { a: '1' } }, spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '1' }], tolerations: [{ key: 'x' }] } };
    const after = { metadata: { labels: { c: '3' } }, spec: { containers: [{ name: 'b', image: '2' }], tolerations: [] } };
    const patch = createTwoWayMergePatch(before, after, { group: '', kind: 'Pod' });
    expect(patch).toEqual({
      metadata: { labels: { a: null, c: '3' } },
      spec: {
        '$setElementOrder/containers': [{ name: 'b' }],
        containers: [{ image: '2', name: 'b' }, { $patch: 'delete', name: 'a' }],
        tolerations: [],
      },
    });
    expect(applyStrategicMergePatch(before, patch, { group: '', kind: 'Pod' })).toEqual(after);
  });
});
