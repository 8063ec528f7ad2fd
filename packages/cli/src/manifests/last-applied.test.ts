import { describe, expect, it } from 'vitest';
import { goJson, LAST_APPLIED_ANNOTATION, lastAppliedOf, withLastApplied } from './last-applied.js';

describe('withLastApplied', () => {
  it('annotates with the sorted compact JSON of the manifest, empty annotations included, plus a newline', () => {
    const manifest = { kind: 'Pod', apiVersion: 'v1', metadata: { namespace: 'default', name: 'demo' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const applied = withLastApplied(manifest);
    expect(applied.metadata?.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"demo","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"c"}]}}\n',
    );
    expect(manifest.metadata).toEqual({ namespace: 'default', name: 'demo' });
  });

  it('keeps other annotations in the value and replaces a stale last-applied one', () => {
    const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { team: 'a', [LAST_APPLIED_ANNOTATION]: 'old' } } };
    const annotations = withLastApplied(manifest).metadata?.annotations;
    expect(annotations?.team).toBe('a');
    expect(annotations?.[LAST_APPLIED_ANNOTATION]).toBe('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{"team":"a"},"name":"c"}}\n');
  });
});

describe('goJson', () => {
  it("sorts keys bytewise, even number-like ones JavaScript would put first", () => {
    expect(goJson({ b: 1, '10': 2, a: { '9': true, '10': null } })).toBe('{"10":2,"a":{"10":null,"9":true},"b":1}');
  });

  it('escapes HTML characters and line separators as encoding/json does', () => {
    expect(goJson({ cmd: 'a && b > c < d\u2028' })).toBe('{"cmd":"a \\u0026\\u0026 b \\u003e c \\u003c d\\u2028"}');
  });
});

describe('lastAppliedOf', () => {
  it('parses the annotation and ignores a missing or broken one', () => {
    expect(lastAppliedOf({ metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: '{"a":1}\n' } } })).toEqual({ a: 1 });
    expect(lastAppliedOf({ metadata: {} })).toBeUndefined();
    expect(lastAppliedOf({ metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: '{' } } })).toBeUndefined();
  });
});
