import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './json-patch.js';
import { PatchError } from './patch-error.js';

interface Doc {
  metadata: { name: string; labels: Record<string, string> };
  spec: { replicas: number; paused?: boolean; containers: Array<{ name: string }> };
}

const doc = (): Doc => ({ metadata: { name: 'p', labels: { a: '1' } }, spec: { replicas: 1, containers: [{ name: 'a' }, { name: 'b' }] } });

describe('applyJsonPatch', () => {
  it.each([
    { name: 'add a member', ops: [{ op: 'add', path: '/metadata/labels/b', value: '2' }], check: (r: Doc) => expect(r.metadata.labels).toEqual({ a: '1', b: '2' }) },
    { name: 'add into a list', ops: [{ op: 'add', path: '/spec/containers/1', value: { name: 'x' } }], check: (r: Doc) => expect(r.spec.containers.map((c) => c.name)).toEqual(['a', 'x', 'b']) },
    { name: 'append with -', ops: [{ op: 'add', path: '/spec/containers/-', value: { name: 'z' } }], check: (r: Doc) => expect(r.spec.containers).toHaveLength(3) },
    { name: 'remove', ops: [{ op: 'remove', path: '/spec/containers/0' }], check: (r: Doc) => expect(r.spec.containers).toEqual([{ name: 'b' }]) },
    { name: 'replace', ops: [{ op: 'replace', path: '/spec/replicas', value: 3 }], check: (r: Doc) => expect(r.spec.replicas).toBe(3) },
    { name: 'move', ops: [{ op: 'move', from: '/metadata/labels/a', path: '/metadata/labels/moved' }], check: (r: Doc) => expect(r.metadata.labels).toEqual({ moved: '1' }) },
    { name: 'copy', ops: [{ op: 'copy', from: '/spec/containers/0', path: '/spec/containers/-' }], check: (r: Doc) => expect(r.spec.containers[2]).toEqual({ name: 'a' }) },
    { name: 'test then replace', ops: [{ op: 'test', path: '/spec/replicas', value: 1 }, { op: 'replace', path: '/spec/replicas', value: 2 }], check: (r: Doc) => expect(r.spec.replicas).toBe(2) },
    { name: 'escaped pointer tokens', ops: [{ op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'w' }], check: (r: Doc) => expect(r.metadata.labels['app.kubernetes.io/name']).toBe('w') },
    // evanphx/json-patch v4 (used by kube-apiserver) lets replace create a missing object key.
    { name: 'replace of a missing key adds it', ops: [{ op: 'replace', path: '/spec/paused', value: true }], check: (r: Doc) => expect(r.spec.paused).toBe(true) },
  ])('$name', ({ ops, check }) => {
    const input = doc();
    check(applyJsonPatch(input, ops) as Doc);
    expect(input).toEqual(doc());
  });

  it.each([
    { name: 'failing test', ops: [{ op: 'test', path: '/spec/replicas', value: 2 }], detail: 'testing value /spec/replicas failed: test failed' },
    { name: 'remove of a missing key', ops: [{ op: 'remove', path: '/metadata/labels/zz' }], detail: "error in remove for path: '/metadata/labels/zz': Unable to remove nonexistent key: zz: missing value" },
    { name: 'missing parent', ops: [{ op: 'add', path: '/status/phase', value: 'x' }], detail: 'add operation does not apply: doc is missing path: "/status/phase": missing value' },
    { name: 'replace past the end of a list', ops: [{ op: 'replace', path: '/spec/containers/5', value: {} }], detail: 'replace operation does not apply: doc is missing key: /spec/containers/5: missing value' },
    { name: 'unknown op', ops: [{ op: 'frob', path: '/a' }], detail: 'Unexpected kind: frob' },
  ])('answers 422 Invalid like kube-apiserver: $name', ({ ops, detail }) => {
    const error = catchError(() => applyJsonPatch(doc(), ops));
    expect(error).toBeInstanceOf(PatchError);
    expect(error.toStatus()).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'the server rejected our request due to an error in our request',
      details: { causes: [{ reason: 'UnexpectedServerResponse', message: detail }] },
    });
  });

  it('answers 400 for a body that is not a list of operations', () => {
    expect(catchError(() => applyJsonPatch(doc(), { op: 'add' })).code).toBe(400);
  });

  it('applies no operation when a later one fails (the input stays intact)', () => {
    const input = doc();
    catchError(() => applyJsonPatch(input, [{ op: 'replace', path: '/spec/replicas', value: 9 }, { op: 'test', path: '/x', value: 1 }]));
    expect(input.spec.replicas).toBe(1);
  });
});

function catchError(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (error) {
    return error as PatchError;
  }
  throw new Error('expected an error');
}
