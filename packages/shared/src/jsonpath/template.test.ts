import { describe, expect, it } from 'vitest';
import { JsonPathError } from './jsonpath-error.js';
import { compileJsonPath } from './template.js';

// The object kubectl 1.32.4 was given when the expected strings below were recorded
// (`kubectl annotate --local -f fixture.json k=v -o jsonpath=<template>`).
const fixture = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web', annotations: { k: 'v' }, labels: { 'app.kubernetes.io/name': 'web' }, creationTimestamp: null },
  nums: { big: 1234567.5, e: 1e21, f: 2.5, i: 3, neg: -4, small: 0.00001 },
  flags: [true, false],
  list: [
    { name: 'a', n: 1, type: 'Ready', status: 'True' },
    { name: 'b', n: 2, type: 'PodScheduled', status: 'False' },
    { name: 'c', n: 10 },
  ],
  html: '<a&b>',
  htmlmap: { k: '<a&b>' },
  empty: [],
  nested: { y: [1, 'x', null] },
  spec: {
    containers: [
      { name: 'app', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 443 }] },
      { name: 'sidecar', image: 'busybox' },
    ],
  },
};

function render(template: string, options?: { allowMissingKeys?: boolean }): string {
  return compileJsonPath(template).execute(fixture, options);
}

describe('compileJsonPath output matches kubectl 1.32', () => {
  it.each([
    ["{.metadata.name}", "web"],
    ["name={.metadata.name} kind={.kind}", "name=web kind=ConfigMap"],
    ["{.metadata.creationTimestamp}", "null"],
    ["{.nums.i} {.nums.f} {.nums.big} {.nums.small} {.nums.neg} {.nums.e}", "3 2.5 1.2345675e+06 1e-05 -4 1e+21"],
    ["{.nums}", "{\"big\":1234567.5,\"e\":1e+21,\"f\":2.5,\"i\":3,\"neg\":-4,\"small\":0.00001}"],
    ["{.flags}|{.flags[*]}|{.flags[0]}", "[true,false]|true false|true"],
    ["{.html}|{.htmlmap}", "<a&b>|{\"k\":\"\\u003ca\\u0026b\\u003e\"}"],
    ["{.nested}|{.nested.y[2]}|{.empty}", "{\"y\":[1,\"x\",null]}|null|[]"],
    ["{.metadata.labels}", "{\"app.kubernetes.io/name\":\"web\"}"],
    ["{.metadata.labels.app\\.kubernetes\\.io/name}", "web"],
    ["{.metadata.labels['app.kubernetes.io/name']}", ""],
    ["{.metadata.labels['app\\.kubernetes\\.io/name']}", "web"],
    ["{.metadata['name']}", "web"],
    ["$.metadata.name", "$.metadata.name"],
    ["{$.metadata.name}", "web"],
    ["{@.metadata.name}", "web"],
    ["{ .metadata.name }", "web"],
    ["{.list[*].name}", "a b c"],
    ["{.list[0].name}", "a"],
    ["{.list[-1].name}|{.list[-3].name}", "c|a"],
    ["{.list[1:].name}|{.list[:2].name}|{.list[::2].name}|{.list[0:3:2].name}|{.list[1:1].name}", "b c|a b|a c|a c|"],
    ["{.list[0,2].name}", "a c"],
    ["{.list[*]['name','n']}", "a b c 1 2 10"],
    ["{.list[0]['name','type']}", "a Ready"],
    ["{.spec.containers[*].ports[*].containerPort}", "80 443"],
    ["{range .list[*]}{.name}:{.n}{\"\\n\"}{end}", "a:1\nb:2\nc:10\n"],
    ["{range .list[*]}[{.name}]{end}after", "[a][b][c]after"],
    ["{range .spec.containers[*]}{.name}={range .ports[*]}{.containerPort},{end};{end}", "app=80,443,;sidecar=;"],
    ["{range .empty[*]}x{end}done", "done"],
    ["{range .list[*]}{.name} ", "a b c  "],
    ["{.list[?(@.type==\"Ready\")].name}", "a"],
    ["{.list[?(@.type=='Ready')].name}", "a"],
    ["{.list[?(@.n>1)].name}|{.list[?(@.n<=2)].name}|{.list[?(@.n!=2)].name}|{.list[?(@.n>=10)].name}|{.list[?(@.n<2)].name}", "b c|a b|a c|c|a"],
    ["{.list[?(@.type)].name}", "a b"],
    ["{.list[?(@.status==\"True\")].type}", "Ready"],
    ["{.list[?(@.name==\"a\")]}", "{\"n\":1,\"name\":\"a\",\"status\":\"True\",\"type\":\"Ready\"}"],
    ["{..containerPort}", "80 443"],
    ["{.spec..image}", "nginx busybox"],
    ["{\"\\n\"}x{'\\t'}y{\"a\\\"b\"}", "\nx\tya\"b"],
    ["{\"{}\"}", "{}"],
    ["{true}{1}{2.5}{-3}{2.0}", "true12.5-32"],
    ["{.list[?(@.flag==true)].name}", ""],
    ["{.nosuch}", ""],
    ["{.list.name}", ""],
    ["{.}", ""],  ])('%s', (template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it('visits map values in recursive descent and wildcards (Go map order is random; ours is insertion order)', () => {
    expect(render('{...name}').split(' ').sort()).toEqual(['a', 'app', 'b', 'c', 'sidecar', 'web']);
    expect(render('{.nums.*}')).toBe('1.2345675e+06 1e+21 2.5 3 -4 1e-05');
    expect(render('{.metadata..}')).toContain('{"k":"v"} v');
  });
});

describe('compileJsonPath errors match client-go', () => {
  it.each([
    ['{.metadata["name"]}', 'invalid array index "name"'],
    ['{.x[}', 'unterminated array'],
    ['{.x[', 'unterminated array'],
    ['{.x', 'unclosed action'],
    ['{.list[?(@.n>1]}', 'unterminated filter'],
    ['{.list[?(@.n>1)}', 'unclosed array expect ]'],
    ['{.list[a]}', 'invalid array index a'],
    ['{"abc}', 'unterminated quoted string'],
    ['{.list[0].name,n}', "unrecognized character in action: U+002C ','"],
    ['{.a\t}', 'unrecognized character in action: U+0009'],
    ['{.list[-]}', 'array index - is not a number'],
    ['{....a}', 'invalid multiple recursive descent'],
    ['{"\\q"}', 'unquote string "\\q" error invalid syntax'],
    ['{1.2.3}', 'cannot parse number 1.2.3'],
  ])('parse %s', (template, message) => {
    expect(() => compileJsonPath(template)).toThrow(new JsonPathError(message, 'parse'));
  });

  it.each([
    ['{.list[-4].name}', 'array index out of bounds: index -1, length 3'],
    ['{.list[3].name}', 'array index out of bounds: index 3, length 3'],
    ['{.empty[0]}', 'array index out of bounds: index 0, length 0'],
    ['{.list[2:1].name}', 'starting index 2 is greater than ending index 1'],
    ['{.list[0:3:0].name}', 'step must be > 0'],
    ['{.list[?(@.n==1.0)].name}', 'incompatible types for comparison'],
    ['{.list[?(@.type==1)].name}', 'incompatible types for comparison'],
    ['{.list[?(@.n>"a")].name}', 'incompatible types for comparison'],
    ['{.flags[?(@<true)]}', 'invalid type for comparison'],
    ['{.list[?(@.name)].nope[?(@.x)]}', ''],
    ['{metadata.name}', 'unrecognized identifier metadata'],
    ['{end}', 'not in range, nothing to end'],
    ['{.html[0]}', 'string is not array or slice'],
    ['{.metadata[?(@.x)]}', 'map[annotations:map[k:v] creationTimestamp:<nil> labels:map[app.kubernetes.io/name:web] name:web] is not array or slice and cannot be filtered'],
    ['{.list[?(@.name>@.n)]}', 'incompatible types for comparison'],
  ])('execute %s', (template, message) => {
    if (message === '') {
      expect(render(template)).toBe('');
      return;
    }
    expect(() => render(template)).toThrow(new JsonPathError(message, 'execute'));
  });

  it('reports missing keys when allowMissingKeys is false', () => {
    expect(() => render('{.nosuch}', { allowMissingKeys: false })).toThrow(new JsonPathError('nosuch is not found', 'execute'));
    expect(() => render('{.metadata.nosuch}', { allowMissingKeys: false })).toThrow('nosuch is not found');
    // An item without the compared field fails the whole filter...
    expect(() => render('{.list[?(@.type=="Ready")].name}', { allowMissingKeys: false })).toThrow('type is not found');
    // ...but an existence filter just skips it, and fields found on some values are fine.
    expect(render('{.list[?(@.type)].name}', { allowMissingKeys: false })).toBe('a b');
    expect(render('{.list[*].type}', { allowMissingKeys: false })).toBe('Ready PodScheduled');
  });
});

describe('JsonPathTemplate', () => {
  it('prints -o jsonpath-as-json result sets as indented JSON arrays', () => {
    expect(compileJsonPath('{.list[*].name}{.nums.i}').execute(fixture, { asJson: true })).toBe(
      '[\n    "a",\n    "b",\n    "c"\n]\n[\n    3\n]\n',
    );
  });

  it('exposes result sets, with literal text as its own set', () => {
    expect(compileJsonPath('x{.list[0:2].n}{range .flags[*]}{@}{end}').findResults(fixture)).toEqual([['x'], [1, 2], [true], [false]]);
  });

  it('keeps the source and can be executed repeatedly against different data', () => {
    const template = compileJsonPath('{.metadata.name}');
    expect(template.source).toBe('{.metadata.name}');
    expect(template.execute({ metadata: { name: 'one' } })).toBe('one');
    expect(template.execute({ metadata: { name: 'two' } })).toBe('two');
  });

  it('renders a typical kubectl list template', () => {
    const list = {
      items: [
        { metadata: { name: 'p1' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
        { metadata: { name: 'p2' }, status: { conditions: [{ type: 'Ready', status: 'False' }] } },
      ],
    };
    const template = '{range .items[*]}{.metadata.name}{"\\t"}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}';
    expect(compileJsonPath(template).execute(list)).toBe('p1\tTrue\np2\tFalse\n');
  });
});
