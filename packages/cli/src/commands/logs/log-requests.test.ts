import { describe, expect, it } from 'vitest';
import { logQuery, streamsForPod } from './log-requests.js';
import { LinePrefixer } from './line-prefixer.js';

const pod = {
  metadata: { name: 'web' },
  spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'a' }, { name: 'b' }] },
};

describe('logQuery', () => {
  it('maps flags to PodLogOptions; --since in whole seconds', () => {
    expect(logQuery({ follow: true, previous: true, tail: '5', since: '10m', timestamps: true, limitBytes: '100' })).toEqual({
      follow: 'true',
      previous: 'true',
      tailLines: '5',
      sinceSeconds: '600',
      timestamps: 'true',
      limitBytes: '100',
    });
  });

  it('defaults the tail to 10 with a selector and to everything without', () => {
    expect(logQuery({ selector: 'app=web' })).toEqual({ tailLines: '10' });
    expect(logQuery({})).toEqual({});
  });

  it('rejects contradictory or malformed flags', () => {
    expect(() => logQuery({ since: '1m', sinceTime: '2026-01-01T00:00:00Z' })).toThrow('at most one of `sinceTime` or `sinceSeconds` may be specified');
    expect(() => logQuery({ tail: 'x' })).toThrow(/invalid argument "x" for "--tail" flag/);
    expect(() => logQuery({ limitBytes: '0' })).toThrow('--limit-bytes must be greater than 0');
  });
});

describe('streamsForPod', () => {
  it('defaults to the first container with kubectl\'s notice', () => {
    const warnings: string[] = [];
    expect(streamsForPod(pod, {}, false, (l) => warnings.push(l))).toEqual([{ pod: 'web', container: 'a', prefix: '' }]);
    expect(warnings).toEqual(['Defaulted container "a" out of: a, b, init (init)']);
  });

  it('honours the default-container annotation silently', () => {
    const warnings: string[] = [];
    const annotated = { ...pod, metadata: { name: 'web', annotations: { 'kubectl.kubernetes.io/default-container': 'b' } } };
    expect(streamsForPod(annotated, {}, false, (l) => warnings.push(l))[0]?.container).toBe('b');
    expect(warnings).toEqual([]);
  });

  it('refuses an unknown container client-side', () => {
    expect(() => streamsForPod(pod, { container: 'x' }, false, () => undefined)).toThrow('container x is not valid for pod web');
  });

  it('lists init containers first with --all-containers, prefixed when asked', () => {
    expect(streamsForPod(pod, { allContainers: true }, true, () => undefined).map((s) => s.prefix)).toEqual([
      '[pod/web/init] ',
      '[pod/web/a] ',
      '[pod/web/b] ',
    ]);
  });
});

describe('LinePrefixer', () => {
  it('prefixes complete lines and holds a partial one until it ends', () => {
    const p = new LinePrefixer('[pod/web/a] ');
    expect(p.push(Buffer.from('one\ntw')).toString()).toBe('[pod/web/a] one\n');
    expect(p.push(Buffer.from('o\nthree')).toString()).toBe('[pod/web/a] two\n');
    expect(p.flush().toString()).toBe('[pod/web/a] three');
  });

  it('passes data through untouched without a prefix', () => {
    expect(new LinePrefixer('').push(Buffer.from('a\nb')).toString()).toBe('a\nb');
  });
});
