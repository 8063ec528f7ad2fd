import { describe, expect, it } from 'vitest';
import type { PodSpec } from '@kctl/shared';
import { applyImages, parseImageArguments, validateImageArguments } from './image-changes.js';

describe('set image arguments', () => {
  it('splits resources from CONTAINER=IMAGE pairs', () => {
    expect(parseImageArguments(['deploy/web', 'nginx=nginx:1.9', '*=x'])).toEqual({ resources: ['deploy/web'], images: new Map([['nginx', 'nginx:1.9'], ['*', 'x']]) });
    expect(parseImageArguments(['deploy', '=b']).resources).toEqual(['deploy', '=b']);
  });
  it('rejects resources after pairs and * with other pairs, in kubectl words', () => {
    expect(() => parseImageArguments(['deploy/web', 'a=b', 'x'])).toThrow('all resources must be specified before image changes: x');
    expect(() => validateImageArguments(parseImageArguments(['deploy/web', '*=a', 'b=c']), false)).toThrow(
      'all containers are already specified by *, but saw more than one container_name=container_image pairs',
    );
    expect(() => validateImageArguments(parseImageArguments(['deploy/web']), false)).toThrow('at least one image update is required');
  });
  it('sets images in containers and init containers and names the containers it did not find', () => {
    const spec = { initContainers: [{ name: 'init', image: 'a' }], containers: [{ name: 'app', image: 'a' }, { name: 'side', image: 'a' }] } as PodSpec;
    const errors = applyImages(spec, new Map([['app', 'b'], ['nope', 'c']]));
    expect(spec.containers.map((c) => c.image)).toEqual(['b', 'a']);
    expect(errors.map((e) => e.message)).toEqual(['error: unable to find container named "nope"']);
    applyImages(spec, new Map([['*', 'z']]));
    expect([...(spec.initContainers ?? []), ...spec.containers].map((c) => c.image)).toEqual(['z', 'z', 'z']);
  });
});
