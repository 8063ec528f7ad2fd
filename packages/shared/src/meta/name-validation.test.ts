import { describe, expect, it } from 'vitest';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './name-validation.js';

describe('name validation messages (apimachinery wording)', () => {
  it('explains a bad DNS-1123 subdomain with its regex', () => {
    expect(isDNS1123Subdomain('Bad_Name')).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(isDNS1123Subdomain('a.b-c.d')).toEqual([]);
  });

  it('reports length and format separately for DNS-1123 labels', () => {
    expect(isDNS1123Label('a.b')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('requires DNS-1035 labels to start with a letter', () => {
    expect(isDNS1035Label('1abc')[0]).toContain("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character");
    expect(isDNS1035Label('abc-1')).toEqual([]);
  });

  it('validates prefixed qualified names part by part', () => {
    expect(isQualifiedName('example.com/my-key')).toEqual([]);
    expect(isQualifiedName('/x')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('Bad_Prefix/x')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of/);
    expect(isQualifiedName('-x')).toEqual([
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it('allows empty label values but not trailing punctuation', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('x-')[0]).toMatch(/^a valid label must be an empty string or consist of/);
  });

  it('measures lengths in bytes, as Go does', () => {
    expect(isValidLabelValue('é'.repeat(32))[0]).toBe('must be no more than 63 characters');
    expect(isQualifiedName(`${'é'.repeat(32)}`)[0]).toBe('name part must be no more than 63 characters');
  });
});
