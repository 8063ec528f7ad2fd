import { describe, expect, it } from 'vitest';
import { DEFAULT_PATH, buildContainerEnvironment, expandCommand, expandVariables } from './container-environment.js';

// Kubernetes' own vectors: third_party/forked/golang/expansion/expand_test.go (doExpansionTest).
const context: Record<string, string> = { VAR_A: 'A', VAR_B: 'B', VAR_C: 'C', VAR_REF: '$(VAR_A)', VAR_EMPTY: '' };
const lookup = (name: string) => (Object.hasOwn(context, name) ? context[name] : undefined);

const vectors: Array<[name: string, input: string, expected: string]> = [
  ['whole string', '$(VAR_A)', 'A'],
  ['repeat', '$(VAR_A)-$(VAR_A)', 'A-A'],
  ['beginning', '$(VAR_A)-1', 'A-1'],
  ['middle', '___$(VAR_B)___', '___B___'],
  ['end', '___$(VAR_C)', '___C'],
  ['compound', '$(VAR_A)_$(VAR_B)_$(VAR_C)', 'A_B_C'],
  ['escape & expand', '$$(VAR_B)_$(VAR_A)', '$(VAR_B)_A'],
  ['compound escape', '$$(VAR_A)_$$(VAR_B)', '$(VAR_A)_$(VAR_B)'],
  ['mixed in escapes', 'f000-$$VAR_A', 'f000-$VAR_A'],
  ['backslash escape ignored', 'foo\\$(VAR_C)bar', 'foo\\Cbar'],
  ['backslash escape ignored (2)', 'foo\\\\$(VAR_C)bar', 'foo\\\\Cbar'],
  ['lots of backslashes', 'foo\\\\\\\\$(VAR_A)bar', 'foo\\\\\\\\Abar'],
  ['nested var references', '$(VAR_A$(VAR_B))', '$(VAR_A$(VAR_B))'],
  ['nested var references second type', '$(VAR_A$(VAR_B)', '$(VAR_A$(VAR_B)'],
  ['value is a reference', '$(VAR_REF)', '$(VAR_A)'],
  ['value is a reference x 2', '%%$(VAR_REF)--$(VAR_REF)%%', '%%$(VAR_A)--$(VAR_A)%%'],
  ['empty var', 'foo$(VAR_EMPTY)bar', 'foobar'],
  ['unterminated expression', 'foo$(VAR_Awhoops!', 'foo$(VAR_Awhoops!'],
  ['expression without operator', 'f00__(VAR_A)__', 'f00__(VAR_A)__'],
  ['shell special vars pass through', '$?_boo_$!', '$?_boo_$!'],
  ['bare operators are ignored', '$VAR_A', '$VAR_A'],
  ['undefined vars are passed through', '$(VAR_DNE)', '$(VAR_DNE)'],
  ['multiple (even) operators, var undefined', '$$$$$$(BIG_MONEY)', '$$$(BIG_MONEY)'],
  ['multiple (even) operators, var defined', '$$$$$$(VAR_A)', '$$$(VAR_A)'],
  ['multiple (odd) operators, var undefined', '$$$$$$$(GOOD_ODDS)', '$$$$(GOOD_ODDS)'],
  ['multiple (odd) operators, var defined', '$$$$$$$(VAR_A)', '$$$A'],
  ['missing open expression', '$VAR_A)', '$VAR_A)'],
  ['shell syntax ignored', '${VAR_A}', '${VAR_A}'],
  ['trailing incomplete expression not consumed', '$(VAR_B)_______$(A', 'B_______$(A'],
  ['trailing incomplete expression, no content, is not consumed', '$(VAR_C)_______$(', 'C_______$('],
  ['operator at end of input string is preserved', '$(VAR_A)foobarzab$', 'Afoobarzab$'],
  ['shell escaped incomplete expr', 'foo-\\$(VAR_A', 'foo-\\$(VAR_A'],
  ['lots of $( in middle', '--$($($($($--', '--$($($($($--'],
  ['lots of $( in beginning', '$($($($($--foo$(', '$($($($($--foo$('],
  ['lots of $( at end', 'foo0--$($($($(', 'foo0--$($($($('],
  ['escaped operators in variable names are not escaped', '$(foo$$var)', '$(foo$$var)'],
  ['newline not expanded', '\n', '\n'],
];

describe('expandVariables (Kubernetes expansion vectors)', () => {
  it.each(vectors)('%s', (_name, input, expected) => {
    expect(expandVariables(input, lookup)).toBe(expected);
  });
});

describe('buildContainerEnvironment', () => {
  it('starts from PATH, HOME and HOSTNAME', () => {
    expect(buildContainerEnvironment({ podName: 'web-1', home: '/root' })).toEqual({
      PATH: DEFAULT_PATH,
      HOME: '/root',
      HOSTNAME: 'web-1',
    });
  });

  it('expands references to earlier variables and the defaults, in order (TestMapReference)', () => {
    const env = buildContainerEnvironment({
      podName: 'p',
      home: '/home/k',
      env: [
        { name: 'FOO', value: 'bar' },
        { name: 'ZOO', value: '$(FOO)-1' },
        { name: 'BLU', value: '$(ZOO)-2' },
        { name: 'WHERE', value: '$(HOME)/$(HOSTNAME)' },
      ],
    });
    expect(env).toMatchObject({ FOO: 'bar', ZOO: 'bar-1', BLU: 'bar-1-2', WHERE: '/home/k/p' });
  });

  it('leaves references to later or unknown variables as written', () => {
    const env = buildContainerEnvironment({
      podName: 'p',
      env: [
        { name: 'EARLY', value: '$(LATE)+$(NOPE)' },
        { name: 'LATE', value: 'x' },
      ],
    });
    expect(env.EARLY).toBe('$(LATE)+$(NOPE)');
  });

  it('lets the spec override a default and treats odd names as plain names', () => {
    const env = buildContainerEnvironment({
      podName: 'p',
      env: [
        { name: 'PATH', value: '/opt/bin:$(PATH)' },
        { name: '__proto__', value: 'v' },
        { name: 'EMPTY' },
        { name: 'R', value: '$(toString)' },
      ],
    });
    expect(env.PATH).toBe(`/opt/bin:${DEFAULT_PATH}`);
    expect(Object.getOwnPropertyDescriptor(env, '__proto__')?.value).toBe('v');
    expect(env.EMPTY).toBe('');
    expect(env.R).toBe('$(toString)');
  });
});

describe('buildContainerEnvironment: inherited and resolved values', () => {
  it('sets inherited variables after the defaults and never expands them or verbatim values', () => {
    const env = buildContainerEnvironment({
      podName: 'p',
      home: '/root',
      inherited: [
        ['SVC_HOST', '10.0.0.1'],
        ['FROM_CM', '$(SVC_HOST)'],
      ],
      env: [
        { name: 'URL', value: 'http://$(SVC_HOST)' },
        { name: 'RAW', value: '$(SVC_HOST)', verbatim: true },
        { name: 'SVC_HOST', value: 'mine' },
      ],
    });
    expect(env).toMatchObject({ FROM_CM: '$(SVC_HOST)', URL: 'http://10.0.0.1', RAW: '$(SVC_HOST)', SVC_HOST: 'mine' });
    expect(Object.keys(env).slice(0, 4)).toEqual(['PATH', 'HOME', 'HOSTNAME', 'SVC_HOST']);
  });
});

describe('expandCommand', () => {
  it('expands command and args against the final environment', () => {
    const env = { GREETING: 'hello', TARGET: 'world' };
    expect(expandCommand(['sh', '-c'], ['echo $(GREETING) $$(TARGET) $(MISSING)'], env)).toEqual([
      'sh',
      '-c',
      'echo hello $(TARGET) $(MISSING)',
    ]);
  });

  it('accepts a missing command or missing args', () => {
    expect(expandCommand(undefined, ['$(A)'], { A: '1' })).toEqual(['1']);
    expect(expandCommand(['run'], undefined, {})).toEqual(['run']);
  });
});
