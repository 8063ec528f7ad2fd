import { describe, expect, it } from 'vitest';
import { isConfigMapKey, isEnvVarName, isValidPortName, isValidPortNum } from './name-validation.js';

describe('port, config key and env var validation messages (apimachinery wording)', () => {
  it('checks ports by number and by IANA name', () => {
    expect(isValidPortNum(0)).toEqual(['must be between 1 and 65535, inclusive']);
    expect(isValidPortNum(65535)).toEqual([]);
    expect(isValidPortName('http')).toEqual([]);
    expect(isValidPortName('123')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('a--b')).toEqual(['must not contain consecutive hyphens']);
  });

  it('checks config keys and relaxed env var names', () => {
    expect(isConfigMapKey('app.properties')).toEqual([]);
    expect(isConfigMapKey('..x')).toEqual(["must not start with '..'"]);
    expect(isConfigMapKey('a b')[0]).toMatch(/^a valid config key must consist of alphanumeric characters/);
    expect(isEnvVarName('1-weird.NAME')).toEqual([]);
    expect(isEnvVarName('A=B')).toEqual(["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
  });
});
