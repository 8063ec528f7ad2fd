import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KubeconfigFiles } from './config/kubeconfig-files.js';
import { renderConfigView } from './config/config-view.js';
import { currentContext, getContexts, setContext, useContext } from './config/config-contexts.js';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: 'http://127.0.0.1:6443', certificate-authority-data: QUJD}
users:
- name: u
  user: {token: secret}
contexts:
- name: c
  context: {cluster: c, user: u, namespace: default}
- name: other
  context: {cluster: c, user: u}
current-context: c
`;

let path: string;
let files: KubeconfigFiles;
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-config-'));
  dirs.push(dir);
  return dir;
}
beforeEach(() => {
  path = join(tempDir(), 'config');
  writeFileSync(path, KUBECONFIG);
  files = new KubeconfigFiles(path);
});
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('kctl config', () => {
  it('view redacts secrets unless --raw, and --minify keeps the current context only', () => {
    const view = renderConfigView(files.merged(), {});
    expect(view).toContain('certificate-authority-data: DATA+OMITTED');
    expect(view).toContain('token: REDACTED');
    const raw = JSON.parse(renderConfigView(files.merged(), { raw: true, minify: true, output: 'json' })) as { users: Array<{ user: { token: string } }>; contexts: unknown[] };
    expect(raw.users[0]?.user.token).toBe('secret');
    expect(raw.contexts).toHaveLength(1);
  });

  it('get-contexts prints kubectl\'s table, marks the current one, and reports unknown names', () => {
    expect(getContexts(files, [], undefined).text).toBe(
      'CURRENT   NAME    CLUSTER   AUTHINFO   NAMESPACE\n*         c       c         u          default\n          other   c         u          \n',
    );
    expect(getContexts(files, [], 'name').text).toBe('c\nother\n');
    expect(getContexts(files, ['nope'], undefined).error?.message).toBe('context nope not found');
  });

  it('use-context switches and keeps every other entry', () => {
    expect(useContext(files, 'other')).toBe('Switched to context "other".\n');
    expect(currentContext(files)).toBe('other\n');
    const written = parse(readFileSync(path, 'utf8')) as { users: Array<{ user: { token: string } }>; contexts: unknown[] };
    expect(written.users[0]?.user.token).toBe('secret');
    expect(written.contexts).toHaveLength(2);
    expect(() => useContext(files, 'nope')).toThrow('no context exists with the name: "nope"');
  });

  it('set-context modifies the current context or creates a new one', () => {
    expect(setContext(files, undefined, { current: true, namespace: 'ns1' })).toBe('Context "c" modified.\n');
    expect(setContext(files, 'fresh', { cluster: 'c', user: 'u' })).toBe('Context "fresh" created.\n');
    const contexts = files.merged().contexts;
    expect(contexts.find((c) => c.name === 'c')?.context).toEqual({ cluster: 'c', user: 'u', namespace: 'ns1' });
    expect(contexts.find((c) => c.name === 'fresh')?.context).toEqual({ cluster: 'c', user: 'u' });
    expect(() => setContext(files, undefined, {})).toThrow('you must specify a non-empty context name or --current');
  });

  it('writes current-context to the first KUBECONFIG file that sets one', () => {
    const dir = tempDir();
    const first = join(dir, 'a');
    writeFileSync(first, 'apiVersion: v1\nkind: Config\nclusters: []\n');
    const multi = new KubeconfigFiles(undefined, { KUBECONFIG: `${first}:${path}` });
    useContext(multi, 'other');
    expect(parse(readFileSync(path, 'utf8'))['current-context']).toBe('other');
    expect(parse(readFileSync(first, 'utf8'))['current-context']).toBeUndefined();
  });
});
