import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCatalog } from '@kctl/shared';
import { readManifests } from './manifest-objects.js';
import type { ManifestEntry, ReadManifestsOptions } from './manifest-objects.js';
import { ErrorList } from './source-errors.js';

const pod = (name: string, extra = ''): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${extra}`;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kctl-manifests-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Paths are relative to the temp dir; sources come back as typed, so the dir is cut off again. */
const inDir = (name: string): string => (name === '-' ? name : path.join(dir, name) + (name.endsWith('/') ? '/' : ''));
const write = (name: string, text: string): Promise<void> => writeFile(inDir(name), text);

function read(filenames: string[], extra: Partial<ReadManifestsOptions> = {}): Promise<ManifestEntry[]> {
  const options = { recursive: false, catalog: defaultCatalog, namespace: 'default', enforceNamespace: false, validate: true, ...extra };
  return readManifests({ ...options, filenames: filenames.map(inDir) });
}

/** "source: kind/namespace/name" per object, or the error message. */
function summary(entries: ManifestEntry[]): string[] {
  const text = entries.map((e) => (e instanceof Error ? e.message : `${e.source}: ${e.type.kind}/${e.namespace ?? '-'}/${e.name}`));
  return text.map((t) => t.replaceAll(`${dir}/`, ''));
}

describe('readManifests: files and directories', () => {
  it('reads every document of a file, in order, filling in the namespace', async () => {
    await write('two.yaml', `${pod('a')}---\n${pod('b', '  namespace: other\n')}`);
    const entries = await read(['two.yaml']);
    expect(summary(entries)).toEqual(['two.yaml: Pod/default/a', 'two.yaml: Pod/other/b']);
    const first = entries[0];
    expect(first instanceof Error ? undefined : first?.object.metadata?.namespace).toBe('default');
  });

  it('reads a directory’s manifest files in name order, skipping other files and subdirectories', async () => {
    await mkdir(inDir('dir/sub'), { recursive: true });
    await write('dir/b.yml', pod('b'));
    await write('dir/a.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }));
    await write('dir/notes.txt', 'not a manifest');
    await write('dir/sub/c.yaml', pod('c'));
    expect(summary(await read(['dir']))).toEqual(['dir/a.json: ConfigMap/default/a', 'dir/b.yml: Pod/default/b']);
    expect(summary(await read(['dir/'], { recursive: true }))).toEqual([
      'dir/a.json: ConfigMap/default/a',
      'dir/b.yml: Pod/default/b',
      'dir/sub/c.yaml: Pod/default/c',
    ]);
  });

  it('reads "-" from the injected stdin reader, named STDIN', async () => {
    const entries = await read(['-'], { readStdin: async () => pod('from-stdin') });
    expect(summary(entries)).toEqual(['STDIN: Pod/default/from-stdin']);
  });

  it('refuses missing paths before reading anything', async () => {
    await write('ok.yaml', pod('a'));
    const failure = await read(['ok.yaml', 'x.yaml', 'y.yaml']).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ErrorList);
    expect((failure as ErrorList).errors.map((e) => e.message.replace(`${dir}/`, ''))).toEqual(['the path "x.yaml" does not exist', 'the path "y.yaml" does not exist']);
  });

  it('refuses a directory without manifest files', async () => {
    await mkdir(inDir('empty'));
    await expect(read(['empty'])).rejects.toThrow(`error reading [${dir}/empty]: recognized file extensions are [.json .yaml .yml]`);
  });
});

describe('readManifests: documents', () => {
  it('stands a List for its items', async () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } }, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }] };
    await write('list.json', JSON.stringify(list));
    expect(summary(await read(['list.json']))).toEqual(['list.json: Pod/default/a', 'list.json: Deployment/default/d']);
  });

  it('reports a document without apiVersion/kind in kubectl’s words and stops reading that file only', async () => {
    await write('a.yaml', `metadata:\n  name: a\n---\n${pod('never-read')}`);
    await write('b.yaml', pod('b'));
    expect(summary(await read(['a.yaml', 'b.yaml']))).toEqual([
      'error validating "a.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
      'b.yaml: Pod/default/b',
    ]);
  });

  it('names the file and line of malformed YAML after the documents that parsed', async () => {
    await write('bad.yaml', `${pod('good')}---\napiVersion: v1\nkind: Pod\nmetadata: x: y\n`);
    expect(summary(await read(['bad.yaml']))).toEqual([
      'bad.yaml: Pod/default/good',
      'error parsing bad.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context',
    ]);
  });

  it('reports an unknown kind and carries on with the next document', async () => {
    await write('f.yaml', `apiVersion: example.com/v1\nkind: Foo\nmetadata:\n  name: x\n---\n${pod('after')}`);
    expect(summary(await read(['f.yaml']))).toEqual([
      'resource mapping not found for name: "x" namespace: "" from "f.yaml": no matches for kind "Foo" in version "example.com/v1"\nensure CRDs are installed first',
      'f.yaml: Pod/default/after',
    ]);
  });

  it('refuses an object whose namespace disagrees with an explicit -n', async () => {
    await write('ns.yaml', `${pod('a', '  namespace: a\n')}---\n${pod('b')}`);
    expect(summary(await read(['ns.yaml'], { namespace: 'b', enforceNamespace: true }))).toEqual([
      `the namespace from the provided object "a" does not match the namespace "b". You must pass '--namespace=a' to perform this operation.`,
      'ns.yaml: Pod/b/b',
    ]);
  });

  it('keeps cluster-scoped objects out of namespaces', async () => {
    await write('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n');
    const [entry] = await read(['ns.yaml'], { namespace: 'b', enforceNamespace: true });
    expect(entry instanceof Error ? entry.message : [entry?.namespace, entry?.object.metadata]).toEqual([undefined, { name: 'team' }]);
  });
});
