import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foregroundUpArgs, parsePortFlag, resolveUpOptions } from './up-options.js';

describe('cluster up options', () => {
  it('uses ~/.kctl (or KCTL_HOME) and merges into ~/.kube/config by default', () => {
    const plain = resolveUpOptions({ name: 'kctl' }, {});
    expect(plain.paths.dataDir).toBe(join(homedir(), '.kctl'));
    expect(plain.mergeKubeconfig).toBe(true);
    expect(resolveUpOptions({ name: 'kctl' }, { KCTL_HOME: '/srv/kctl' }).paths.dataDir).toBe('/srv/kctl');
    expect(resolveUpOptions({ name: 'kctl', mergeKubeconfig: false }, {}).mergeKubeconfig).toBe(false);
  });

  it('leaves ~/.kube/config alone for an explicit data dir unless asked', () => {
    expect(resolveUpOptions({ name: 'kctl', dataDir: '/tmp/c' }, {}).mergeKubeconfig).toBe(false);
    expect(resolveUpOptions({ name: 'kctl', dataDir: '/tmp/c', mergeKubeconfig: true }, {}).mergeKubeconfig).toBe(true);
  });

  it('hands the detached supervisor fully resolved flags', () => {
    const options = resolveUpOptions({ name: 'dev', dataDir: 'rel/dir' }, {});
    expect(foregroundUpArgs(options, 4321)).toEqual([
      'cluster', 'up', '--data-dir', options.paths.dataDir, '--port', '4321', '--name', 'dev', '--no-merge-kubeconfig',
    ]);
    expect(options.paths.dataDir).toMatch(/^\/.*rel\/dir$/);
  });

  it('parses --port strictly', () => {
    expect(parsePortFlag('0')).toBe(0);
    expect(parsePortFlag('6443')).toBe(6443);
    for (const bad of ['-1', '65536', '12ab', '', '1.5']) expect(() => parsePortFlag(bad)).toThrow('want a port number');
  });
});
