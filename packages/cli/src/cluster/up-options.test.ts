import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectRepeated, foregroundUpArgs, parseNodeCountFlag, parsePortFlag, resolveUpOptions } from './up-options.js';
import { nodeNameFromHostname } from './node-names.js';

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
      '--nodes', '1',
    ]);
    expect(options.paths.dataDir).toMatch(/^\/.*rel\/dir$/);
  });

  it('runs one node named after the host and the scheduler by default', () => {
    const options = resolveUpOptions({ name: 'kctl' }, {});
    expect(options.nodes).toEqual([nodeNameFromHostname()]);
    expect(options.scheduler).toBe(true);
    expect(options.controllerManager).toBe(true);
    expect(options.kubeletArgs).toEqual([]);
  });

  it('hands node count, scheduler choice and pass-through flags to the detached supervisor', () => {
    const options = resolveUpOptions({
      name: 'kctl',
      dataDir: '/tmp/c',
      nodes: 2,
      scheduler: false,
      kubeletArg: ['--backoff-base-ms=100', '--log-level=debug'],
      schedulerArg: ['--log-level=warn'],
      controllerManagerArg: ['--node-monitor-grace-period=4'],
    }, {});
    expect(options.nodes).toHaveLength(2);
    expect(foregroundUpArgs(options, 1).slice(9)).toEqual([
      '--nodes', '2', '--no-scheduler',
      '--kubelet-arg=--backoff-base-ms=100', '--kubelet-arg=--log-level=debug', '--scheduler-arg=--log-level=warn',
      '--controller-manager-arg=--node-monitor-grace-period=4',
    ]);
    expect(foregroundUpArgs(resolveUpOptions({ name: 'kctl', nodes: 0 }, {}), 1)).toContain('0');
    expect(foregroundUpArgs(resolveUpOptions({ name: 'kctl', controllerManager: false }, {}), 1)).toContain('--no-controller-manager');
  });

  it('parses --nodes strictly and collects repeated pass-through flags in order', () => {
    expect(parseNodeCountFlag('0')).toBe(0);
    expect(parseNodeCountFlag('3')).toBe(3);
    for (const bad of ['-1', '101', 'two', '', '1.5']) expect(() => parseNodeCountFlag(bad)).toThrow('want a node count');
    expect(collectRepeated('b', collectRepeated('a', undefined))).toEqual(['a', 'b']);
  });

  it('parses --port strictly', () => {
    expect(parsePortFlag('0')).toBe(0);
    expect(parsePortFlag('6443')).toBe(6443);
    for (const bad of ['-1', '65536', '12ab', '', '1.5']) expect(() => parsePortFlag(bad)).toThrow('want a port number');
  });
});
