// Evaluates parsed JSONPath nodes against decoded JSON, following client-go util/jsonpath/jsonpath.go:
// every step maps a list of current values to a new list.
import type { ListNode, PathNode, SliceParam } from './ast.js';
import { compareValues } from './compare.js';
import { goSprint } from './go-format.js';
import { FloatLiteral, goTypeName, isGoMap } from './go-values.js';
import { JsonPathError } from './jsonpath-error.js';

export interface EvaluationOptions {
  /** false: a field found on none of the current values is an error (`<name> is not found`). */
  allowMissingKeys: boolean;
}

function fail(message: string): never {
  throw new JsonPathError(message, 'execute');
}

const utf8 = new TextEncoder();

// What wildcards and recursive descent see inside a value; Go indexes strings byte by byte.
function childrenOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isGoMap(value)) return Object.values(value);
  if (typeof value === 'string') return [...utf8.encode(value)];
  return [];
}

export class Evaluator {
  constructor(private readonly options: EvaluationOptions) {}

  evalList(input: unknown[], list: ListNode): unknown[] {
    return list.nodes.reduce((current, node) => this.walk(current, node), input);
  }

  private walk(input: unknown[], node: PathNode): unknown[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'bool':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new FloatLiteral(node.value));
      case 'wildcard':
        return input.flatMap((value) => (value === null ? [] : childrenOf(value)));
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.branches.flatMap((branch) => this.evalList(input, branch));
      case 'identifier':
        // range/end are handled by the template; anywhere else they are errors, as in client-go.
        return fail(node.name === 'end' ? 'not in range, nothing to end' : `unrecognized identifier ${node.name}`);
    }
  }

  private evalField(input: unknown[], name: string): unknown[] {
    if (input.length === 0) return [];
    const results = input.filter((value) => isGoMap(value) && Object.hasOwn(value, name)).map((value) => (value as Record<string, unknown>)[name]);
    if (results.length === 0 && !this.options.allowMissingKeys) fail(`${name} is not found`);
    return results;
  }

  private evalArray(input: unknown[], params: readonly [SliceParam, SliceParam, SliceParam]): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (value === null) continue;
      if (!Array.isArray(value)) fail(`${goTypeName(value)} is not array or slice`);
      const length = value.length;
      const [startParam, endParam, stepParam] = params;
      let start = startParam.known ? startParam.value : 0;
      if (start < 0) start += length;
      let end = endParam.known ? endParam.value : length;
      // Negative indexes count from the end, once: [-1] is [len-1:len], [-len-1] is out of bounds.
      if (end < 0 || (end === 0 && endParam.derived)) end += length;
      // client-go stops at an empty slice, ignoring any remaining input values.
      if (start === end) return results;
      if (start >= length || start < 0) fail(`array index out of bounds: index ${start}, length ${length}`);
      if (end > length || end < 0) fail(`array index out of bounds: index ${end - 1}, length ${length}`);
      if (start > end) fail(`starting index ${start} is greater than ending index ${end}`);
      if (stepParam.known && stepParam.value <= 0) fail('step must be > 0');
      const step = stepParam.known ? stepParam.value : 1;
      for (let index = start; index < end; index += step) results.push(value[index]);
    }
    return results;
  }

  private evalFilter(input: unknown[], node: Extract<PathNode, { type: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) fail(`${goSprint(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        if (node.operator === 'exists') {
          // A missing key in the condition just means "does not exist", even with allowMissingKeys=false.
          if (this.tryEvalList([item], node.left).length > 0) results.push(item);
          continue;
        }
        const lefts = this.evalList([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) fail('can only compare one element at a time');
        const rights = this.evalList([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) fail('can only compare one element at a time');
        if (compareValues(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }

  private tryEvalList(input: unknown[], list: ListNode): unknown[] {
    try {
      return this.evalList(input, list);
    } catch (error) {
      if (error instanceof JsonPathError) return [];
      throw error;
    }
  }

  // Each value that has children (non-empty map, slice or string), followed by its descendants.
  private evalRecursive(input: unknown[]): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (value === null) continue;
      const children = childrenOf(value);
      if (children.length === 0) continue;
      results.push(value, ...this.evalRecursive(children));
    }
    return results;
  }
}
