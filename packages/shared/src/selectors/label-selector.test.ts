import { describe, expect, it } from 'vitest';
import { labelSelectorFromSet, labelSelectorFromSpec, parseLabelSelector } from './label-selector.js';
import { SelectorParseError } from './selector-errors.js';

describe('parseLabelSelector matching', () => {
  const web = { app: 'web', env: 'prod', tier: 'frontend' };
  const db = { app: 'db', env: 'qa' };
  const bare = {};

  it.each([
    // selector, [matches web, matches db, matches bare]
    ['', [true, true, true]],
    ['app', [true, true, false]],
    ['!tier', [false, true, true]],
    ['app=web', [true, false, false]],
    ['app==web', [true, false, false]],
    ['app!=web', [false, true, true]], // != also matches objects without the key
    ['env in (prod,qa)', [true, true, false]],
    ['env notin (prod)', [false, true, true]], // notin also matches objects without the key
    ['app=web,env=prod', [true, false, false]],
    ['app=web,env=qa', [false, false, false]],
    ['  app  =  web ,  tier  ', [true, false, false]], // whitespace is tolerated around tokens
    ['tier in (frontend),!canary', [true, false, false]],
    ['app=', [false, false, false]], // empty value requires the key with an empty value
  ] as const)('%j', (selector, expected) => {
    const parsed = parseLabelSelector(selector);
    expect([parsed.matches(web), parsed.matches(db), parsed.matches(bare)]).toEqual(expected);
  });

  it('treats undefined labels as an empty set', () => {
    expect(parseLabelSelector('app!=web').matches(undefined)).toBe(true);
    expect(parseLabelSelector('app').matches(undefined)).toBe(false);
  });

  it('compares gt/lt numerically and never matches non-integers', () => {
    const selector = parseLabelSelector('replicas>5');
    expect(selector.matches({ replicas: '10' })).toBe(true);
    expect(selector.matches({ replicas: '5' })).toBe(false);
    expect(selector.matches({ replicas: 'ten' })).toBe(false);
    expect(parseLabelSelector('replicas<5').matches({ replicas: '-3' })).toBe(true);
  });

  it('accepts keywords as values and empty entries in value sets', () => {
    expect(parseLabelSelector('x in (in,notin)').matches({ x: 'notin' })).toBe(true);
    expect(parseLabelSelector('x in (,a)').matches({ x: '' })).toBe(true);
    expect(parseLabelSelector('x in ()').matches({ x: '' })).toBe(true);
  });
});

describe('parseLabelSelector canonical form', () => {
  it.each([
    ['b=2,a=1', 'a=1,b=2'],
    ['env in (qa,prod,qa)', 'env in (prod,qa)'],
    ['x notin ( c , a )', 'x notin (a,c)'],
    ['!b,a', 'a,!b'],
    ['k==v,j!=w', 'j!=w,k==v'],
    ['n>3', 'n>3'],
    ['example.com/app=web', 'example.com/app=web'],
  ])('%s -> %s', (input, canonical) => {
    expect(parseLabelSelector(input).toString()).toBe(canonical);
  });

  it('exposes requirements sorted by key', () => {
    expect(parseLabelSelector('z=1,a in (x)').requirements).toEqual([
      { key: 'a', operator: 'in', values: ['x'] },
      { key: 'z', operator: '=', values: ['1'] },
    ]);
  });

  it('reports emptiness and exact matches', () => {
    expect(parseLabelSelector('').empty).toBe(true);
    expect(parseLabelSelector('a').empty).toBe(false);
    expect(parseLabelSelector('a in (x),b=y,c!=z').requiresExactMatch('a')).toBe('x');
    expect(parseLabelSelector('a in (x),b=y,c!=z').requiresExactMatch('b')).toBe('y');
    expect(parseLabelSelector('a in (x),b=y,c!=z').requiresExactMatch('c')).toBeUndefined();
  });
});

describe('parseLabelSelector errors', () => {
  const nameRule =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
    "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

  it.each([
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['=x', "found '=', expected: !, identifier, or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    ['a in b', "unable to parse requirement: found 'b' expected: '('"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (b c)', "unable to parse requirement: found 'c', expected: ',' or ')'"],
    ['a ! b', "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['A%', `unable to parse requirement: <nil>: Invalid value: "A%": ${nameRule}`],
    ['/a=b', 'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty'],
    ['x>y', 'unable to parse requirement: values[0]: Invalid value: "y": for \'Gt\', \'Lt\' operators, the value must be an integer'],
  ])('%j', (input, message) => {
    expect(() => parseLabelSelector(input)).toThrow(new SelectorParseError(message));
  });

  it('rejects values longer than 63 characters or with bad characters', () => {
    expect(() => parseLabelSelector(`a=${'v'.repeat(64)}`)).toThrow(/values\[0\]\[a\]: Invalid value: "v{64}": must be no more than 63 characters/);
    expect(() => parseLabelSelector('a=b%c')).toThrow(/values\[0\]\[a\]: Invalid value: "b%c": a valid label must be an empty string/);
    expect(() => parseLabelSelector(`a=${'v'.repeat(63)}`)).not.toThrow();
  });

  it('validates prefixed keys', () => {
    expect(() => parseLabelSelector('Example.com/a')).toThrow(/prefix part a lowercase RFC 1123 subdomain/);
    expect(() => parseLabelSelector('a/b/c')).toThrow(/a qualified name must consist of/);
    expect(() => parseLabelSelector(`${'n'.repeat(64)}`)).toThrow(/name part must be no more than 63 characters/);
  });
});

describe('labelSelectorFromSpec', () => {
  it('combines matchLabels and matchExpressions', () => {
    const selector = labelSelectorFromSpec({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'qa'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'tier', operator: 'NotIn', values: ['db'] },
        { key: 'team', operator: 'Exists' },
      ],
    });
    expect(selector.toString()).toBe('app=web,!canary,env in (prod,qa),team,tier notin (db)');
    expect(selector.matches({ app: 'web', env: 'qa', team: 'x' })).toBe(true);
    expect(selector.matches({ app: 'web', env: 'qa', team: 'x', canary: 'y' })).toBe(false);
    expect(selector.matches({ app: 'web', env: 'dev', team: 'x' })).toBe(false);
  });

  it('selects everything for an empty spec and nothing for a missing one (Kubernetes semantics)', () => {
    expect(labelSelectorFromSpec({}).matches({ any: 'thing' })).toBe(true);
    expect(labelSelectorFromSpec({}).empty).toBe(true);
    expect(labelSelectorFromSpec(undefined).matches({})).toBe(false);
    expect(labelSelectorFromSpec(undefined).empty).toBe(false);
  });

  it('rejects unknown operators and invalid requirements', () => {
    expect(() => labelSelectorFromSpec({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow(
      new SelectorParseError('"Gt" is not a valid label selector operator'),
    );
    expect(() => labelSelectorFromSpec({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      new SelectorParseError("values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"),
    );
    expect(() => labelSelectorFromSpec({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toThrow(
      /values set must be empty for exists and does not exist/,
    );
    expect(() => labelSelectorFromSpec({ matchLabels: { 'bad key': 'v' } })).toThrow(/^key: Invalid value: "bad key": name part/);
  });
});

describe('labelSelectorFromSet', () => {
  it('requires every pair and treats an empty set as everything', () => {
    const selector = labelSelectorFromSet({ b: '2', a: '1' });
    expect(selector.toString()).toBe('a=1,b=2');
    expect(selector.matches({ a: '1', b: '2', c: '3' })).toBe(true);
    expect(selector.matches({ a: '1' })).toBe(false);
    expect(labelSelectorFromSet(undefined).matches({})).toBe(true);
  });
});
