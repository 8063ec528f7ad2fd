import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readKubeconfigFile } from '@kctl/shared';
import {
  mergeIntoUserKubeconfig,
  recordedClusterName,
  userKubeconfigPath,
  writeClusterKubeconfig,
} from './kubeconfig-files.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kctl-kubeconfig-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe('cluster kubeconfig files', () => {
  it('writes the data dir kubeconfig privately, naming the server', () => {
    const path = join(dir, 'kubeconfig');
    writeClusterKubeconfig(path, 'kctl', 'http://127.0.0.1:4321');
    expect(mode(path)).toBe(0o600);
    const cfg = readKubeconfigFile(path);
    expect(cfg['current-context']).toBe('kctl');
    expect(cfg.clusters).toEqual([{ name: 'kctl', cluster: { server: 'http://127.0.0.1:4321', 'insecure-skip-tls-verify': true } }]);
    expect(recordedClusterName(path)).toBe('kctl');
    expect(recordedClusterName(join(dir, 'missing'))).toBe('kctl');
  });

  it('merges into the first KUBECONFIG file, keeping other clusters and replacing a stale entry', () => {
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    writeFileSync(first, stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'prod', cluster: { server: 'https://prod.example:6443' } },
        { name: 'kctl', cluster: { server: 'http://127.0.0.1:1' } },
      ],
      users: [{ name: 'prod', user: { token: 'secret' } }],
      contexts: [{ name: 'prod', context: { cluster: 'prod', user: 'prod' } }],
      'current-context': 'prod',
    }));
    const env = { KUBECONFIG: `${first}:${second}` };
    expect(userKubeconfigPath(env)).toBe(first);

    expect(mergeIntoUserKubeconfig('kctl', 'http://127.0.0.1:4321', env)).toBe(first);
    const merged = readKubeconfigFile(first);
    expect(merged['current-context']).toBe('kctl');
    expect(merged.clusters.map((c) => [c.name, c.cluster.server])).toEqual([
      ['prod', 'https://prod.example:6443'],
      ['kctl', 'http://127.0.0.1:4321'],
    ]);
    expect(merged.users.map((u) => u.name)).toEqual(['prod', 'kctl']);
    expect(merged.users[0]?.user.token).toBe('secret');
    expect(merged.contexts.map((c) => c.name)).toEqual(['prod', 'kctl']);
    expect(mode(first)).toBe(0o600);
    expect(() => statSync(second)).toThrow();
  });

  it('creates the user kubeconfig and its directory when missing', () => {
    const path = join(dir, 'home', '.kube', 'config');
    mergeIntoUserKubeconfig('dev', 'http://127.0.0.1:9999', { KUBECONFIG: path });
    const cfg = readKubeconfigFile(path);
    expect(cfg['current-context']).toBe('dev');
    expect(cfg.contexts).toEqual([{ name: 'dev', context: { cluster: 'dev', user: 'dev', namespace: 'default' } }]);
    expect(readFileSync(path, 'utf8')).not.toContain('.tmp');
  });
});
