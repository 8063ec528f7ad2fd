import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import { updateMetadataMap } from './label.js';
import type { LabelClient } from './label.js';
import { ANNOTATE_VERB, LABEL_VERB, changeMessage, parseLabelPairs } from './label/label-changes.js';

function fakeClient(pod: KubernetesObject) {
  const patches: Array<{ path: string; body: unknown; contentType: string; query: unknown }> = [];
  const client: LabelClient = {
    get: <T>() => Promise.resolve(structuredClone(pod) as T),
    patch: <T>(path: string, body: unknown, contentType: string, query?: unknown) => {
      patches.push({ path, body, contentType, query });
      return Promise.resolve(pod as T);
    },
  };
  return { client, patches };
}

const ctx = { catalog: defaultCatalog, namespace: 'default' };
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', labels: { a: 'b', k2: 'old' }, annotations: { n: 'm' } } };

async function run(verb = LABEL_VERB, args: string[], opts = {}) {
  const { client, patches } = fakeClient(pod);
  let out = '';
  await updateMetadataMap(client, ctx, verb, args, opts, (t) => (out += t));
  return { out, patches };
}

describe('kctl label', () => {
  it('sends only the differences as a merge patch, removals as null', async () => {
    const { out, patches } = await run(LABEL_VERB, ['pods', 'x', 'k=value', 'k2-']);
    expect(patches).toEqual([
      {
        path: '/api/v1/namespaces/default/pods/x',
        body: { metadata: { labels: { k: 'value', k2: null } } },
        contentType: 'application/merge-patch+json',
        query: { fieldManager: 'kubectl-label' },
      },
    ]);
    expect(out).toBe('pod/x labeled\n');
  });

  it('refuses to change an existing value without --overwrite', async () => {
    await expect(run(LABEL_VERB, ['pod/x', 'a=z'])).rejects.toThrow("'a' already has a value (b), and --overwrite is false");
    const { patches } = await run(LABEL_VERB, ['pod/x', 'a=z'], { overwrite: true });
    expect(patches[0]?.body).toEqual({ metadata: { labels: { a: 'z' } } });
  });

  it('still patches with {} and says "not labeled" when nothing changes', async () => {
    const { out, patches } = await run(LABEL_VERB, ['pods', 'x', 'a=b'], { overwrite: true });
    expect(patches[0]?.body).toEqual({});
    expect(out).toBe('pod/x not labeled\n');
  });

  it('reports a missing key before saying "unlabeled"', async () => {
    const { out } = await run(LABEL_VERB, ['pods', 'x', 'a-', 'zz-']);
    expect(out).toBe('label "zz" not found.\npod/x unlabeled\n');
  });

  it('validates label specs like kubectl', () => {
    expect(() => parseLabelPairs(['k=v=w'])).toThrow('invalid label spec: k=v=w');
    expect(() => parseLabelPairs(['k=-bad'])).toThrow(/^invalid label value: "k=-bad": a valid label must be/);
    expect(() => parseLabelPairs(['a=b', 'a-'])).toThrow('can not both modify and remove a label in the same command');
  });

  it('lists labels without patching', async () => {
    const { out, patches } = await run(LABEL_VERB, ['pods', 'x'], { list: true });
    expect(patches).toHaveLength(0);
    expect(out).toBe('a=b\nk2=old\n');
  });

  it('requires at least one change', async () => {
    await expect(run(LABEL_VERB, ['pods', 'x'])).rejects.toThrow('at least one label update is required');
  });
});

describe('kctl annotate', () => {
  it('uses its own field manager, wording and overwrite error', async () => {
    const { out, patches } = await run(ANNOTATE_VERB, ['pods', 'x', 'note=a=b']);
    expect(patches[0]?.body).toEqual({ metadata: { annotations: { note: 'a=b' } } });
    expect(patches[0]?.query).toEqual({ fieldManager: 'kubectl-annotate' });
    expect(out).toBe('pod/x annotated\n');
    await expect(run(ANNOTATE_VERB, ['pods', 'x', 'n=q'])).rejects.toThrow(
      "--overwrite is false but found the following declared annotation(s): 'n' already has a value (m)",
    );
  });

  it('says "annotated" even when nothing changed', () => {
    expect(changeMessage(ANNOTATE_VERB, { a: 'b' }, { a: 'b' }, false)).toBe('annotated');
  });
});
