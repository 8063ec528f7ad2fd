import { describe, expect, it } from 'vitest';
import { parseManifestText, splitYamlDocuments } from './manifest-documents.js';

const errorOf = (text: string, source = 'f.yaml'): string | undefined => parseManifestText(text, source).error?.message;

describe('parseManifestText: YAML', () => {
  it('returns every document of a multi-document stream and skips empty and null ones', () => {
    const text = '---\na: 1\n---\n# only a comment\n---\n~\n---\nb: [x, z]\n';
    expect(parseManifestText(text, 'f.yaml')).toEqual({ documents: [{ a: 1 }, { b: ['x', 'z'] }] });
  });

  it('reads YAML 1.1 scalars the way go-yaml does, but leaves timestamps as strings', () => {
    const { documents } = parseManifestText('enabled: yes\nmode: 0644\nat: 2024-01-02T03:04:05Z\nv: "1.0"\n', 'f.yaml');
    expect(documents).toEqual([{ enabled: true, mode: 420, at: '2024-01-02T03:04:05Z', v: '1.0' }]);
  });

  it('accepts duplicate keys (the last wins), as kubectl does', () => {
    expect(parseManifestText('a: 1\na: 2\n', 'f.yaml').documents).toEqual([{ a: 2 }]);
  });

  it('words "key: value: x" like go-yaml, with the line of the offending colon', () => {
    expect(errorOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: x: y\n', 'bad.yaml')).toBe(
      'error parsing bad.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context',
    );
    expect(errorOf('a:\n  b: 1\n    c: 2\n')).toBe('error parsing f.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context');
  });

  it('leaves the line out for an error on the first line, like go-yaml', () => {
    expect(errorOf('a: b: c\n', 'STDIN')).toBe('error parsing STDIN: error converting YAML to JSON: yaml: mapping values are not allowed in this context');
  });

  it('counts lines from the start of the failing document and keeps the documents before it', () => {
    const result = parseManifestText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata: x: y\n', 'multi.yaml');
    expect(result.documents).toEqual([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } }]);
    expect(result.error?.message).toBe('error parsing multi.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context');
  });

  it('reports parser errors one line up, as go-yaml does', () => {
    expect(errorOf('a:\n  b: 1\n c: 2\n')).toBe('error parsing f.yaml: error converting YAML to JSON: yaml: line 2: did not find expected key');
    expect(errorOf('a: [1, 2\nb: 3\n')).toBe("error parsing f.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'");
  });

  it('translates tabs and unterminated quotes', () => {
    expect(errorOf('a:\n\t- b\n')).toBe('error parsing f.yaml: error converting YAML to JSON: yaml: line 2: found character that cannot start any token');
    expect(errorOf('a: "open\nb: 3\n')).toBe('error parsing f.yaml: error converting YAML to JSON: yaml: line 3: found unexpected end of stream');
  });

  it('refuses text after a document separator', () => {
    expect(errorOf('--- x\na: 1\n', 'c.yaml')).toBe('error parsing c.yaml: invalid Yaml document separator: x');
  });
});

describe('splitYamlDocuments', () => {
  it('splits only on lines that start with ---, allowing a trailing comment', () => {
    expect(splitYamlDocuments('a: "---"\n--- # next\nb: 1\n').chunks).toEqual(['a: "---"\n', 'b: 1\n']);
  });
});

describe('parseManifestText: JSON', () => {
  it('reads a stream of concatenated JSON objects', () => {
    expect(parseManifestText('{"a": 1}\n{"b": 2}\n', 'f.json').documents).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("gives Go's byte offset and wording for a syntax error", () => {
    const text = '{"apiVersion": "v1", "kind": "Pod",\n "metadata": {"name": "a",}}\n';
    expect(errorOf(text, 'bad.json')).toBe("error parsing bad.json: json: offset 63: invalid character '}' looking for beginning of object key string");
  });

  it('reports a truncated document as an unexpected EOF', () => {
    expect(errorOf('{"a": "b', 'cut.json')).toBe('error parsing cut.json: unexpected EOF');
  });
});
