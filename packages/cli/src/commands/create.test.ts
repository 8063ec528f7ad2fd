import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@kctl/shared';
import { registerCreate } from './create.js';
import { FakeApi, runVerb, stored } from '../manifests/fake-api.test-support.js';

const pod = (name: string, namespace?: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  containers:\n  - name: c\n    image: nginx\n`;

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kctl-create-'));
  file = path.join(dir, 'pods.yaml');
});

afterEach(() => rm(dir, { recursive: true, force: true }));

const alreadyExists = (name: string): ApiError => new ApiError(409, 'AlreadyExists', `pods "${name}" already exists`, { name, kind: 'pods' });

describe('kctl create -f', () => {
  it('POSTs each object with the create field manager and prints kind/name created', async () => {
    await writeFile(file, `${pod('a')}---\n${pod('b', 'team')}`);
    const api = new FakeApi((r) => stored(r.body));
    const result = await runVerb(registerCreate, ['create', '-f', file], api);
    expect(result).toEqual({ code: 0, stdout: 'pod/a created\npod/b created\n', stderr: '' });
    expect(api.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['POST', '/api/v1/namespaces/default/pods', { fieldManager: 'kubectl-create', fieldValidation: 'Strict' }],
      ['POST', '/api/v1/namespaces/team/pods', { fieldManager: 'kubectl-create', fieldValidation: 'Strict' }],
    ]);
  });

  it('reports AlreadyExists with the file name, creates the rest and exits 1', async () => {
    await writeFile(file, `${pod('a')}---\n${pod('b')}`);
    const api = new FakeApi((r) => ((r.body as { metadata: { name: string } }).metadata.name === 'a' ? alreadyExists('a') : stored(r.body)));
    const result = await runVerb(registerCreate, ['create', '-f', file], api);
    expect(result).toEqual({ code: 1, stdout: 'pod/b created\n', stderr: `Error from server (AlreadyExists): error when creating "${file}": pods "a" already exists\n` });
  });

  it('prints several failures one per line, without the "error: " prefix', async () => {
    await writeFile(file, `${pod('a')}---\n${pod('b')}`);
    const api = new FakeApi((r) => alreadyExists((r.body as { metadata: { name: string } }).metadata.name));
    const result = await runVerb(registerCreate, ['create', '-f', file], api);
    expect(result.stderr).toBe(
      `Error from server (AlreadyExists): error when creating "${file}": pods "a" already exists\n` +
        `Error from server (AlreadyExists): error when creating "${file}": pods "b" already exists\n`,
    );
  });

  it('refuses an object from another namespace than the one given with -n, before any request', async () => {
    await writeFile(file, pod('a', 'a'));
    const api = new FakeApi((r) => stored(r.body));
    const result = await runVerb(registerCreate, ['create', '-f', file], api, { name: 'b', explicit: true });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: the namespace from the provided object "a" does not match the namespace "b". You must pass '--namespace=a' to perform this operation.\n`,
    });
    expect(api.requests).toEqual([]);
  });

  it('sends dryRun=All for a server dry run and nothing at all for a client one', async () => {
    await writeFile(file, pod('a'));
    const api = new FakeApi((r) => stored(r.body));
    expect((await runVerb(registerCreate, ['create', '-f', file, '--dry-run=server'], api)).stdout).toBe('pod/a created (server dry run)\n');
    expect(api.requests[0]?.query).toEqual({ dryRun: 'All', fieldManager: 'kubectl-create', fieldValidation: 'Strict' });
    expect((await runVerb(registerCreate, ['create', '-f', file, '--dry-run=client', '-o', 'name'], api)).stdout).toBe('pod/a\n');
    expect(api.requests).toHaveLength(1);
  });

  it('requires -f and refuses extra arguments', async () => {
    const api = new FakeApi(() => undefined);
    expect((await runVerb(registerCreate, ['create'], api)).stderr).toBe('error: must specify one of -f and -k\n');
    await writeFile(file, pod('a'));
    expect((await runVerb(registerCreate, ['create', '-f', file, 'extra'], api)).stderr).toBe("error: Unexpected args: [extra]\nSee 'kctl create -h' for help and examples\n");
  });
});
