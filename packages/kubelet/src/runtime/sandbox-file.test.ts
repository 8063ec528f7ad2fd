import { describe, expect, it } from 'vitest';
import { ContainerStartError } from './container-runtime.js';
import { sandboxTokens } from './sandbox-file.js';

describe('sandboxTokens', () => {
  it('lists netns, hostname, the root, masks and then mounts in order', () => {
    expect(
      sandboxTokens({
        netnsPath: '/run/netns/pod1',
        hostname: 'web-0',
        maskPaths: ['/var/lib/kctl/'],
        mounts: [
          { source: '/pods/u/volumes/data', target: '/data/', readOnly: false },
          { source: '/pods/u/etc-hosts', target: '/etc//hosts', readOnly: true },
        ],
      }),
    ).toEqual(['netns', '/run/netns/pod1', 'hostname', 'web-0', 'rootfs', 'mask', '/var/lib/kctl', 'mount', '/pods/u/volumes/data', '/data', 'rw', 'mount', '/pods/u/etc-hosts', '/etc/hosts', 'ro']);
  });

  it('asks for the own root whenever mounts are given, even none; masks need it', () => {
    expect(sandboxTokens({ mounts: [] })).toEqual(['rootfs']);
    expect(sandboxTokens({ maskPaths: ['/x'] })).toEqual([]);
    expect(sandboxTokens({})).toEqual([]);
  });

  it('cuts a long pod name to a 63-character hostname without a trailing dash', () => {
    const name = `${'a'.repeat(62)}-b`;
    expect(sandboxTokens({ hostname: name })).toEqual(['hostname', 'a'.repeat(62)]);
  });

  it('refuses relative paths and a mount over the root', () => {
    expect(() => sandboxTokens({ mounts: [{ source: 'rel', target: '/x', readOnly: false }] })).toThrow(ContainerStartError);
    expect(() => sandboxTokens({ mounts: [{ source: '/s', target: 'data', readOnly: false }] })).toThrow(/mount target "data" is not an absolute path/);
    expect(() => sandboxTokens({ mounts: [{ source: '/s', target: '/', readOnly: false }] })).toThrow(/over the container's root/);
  });
});
