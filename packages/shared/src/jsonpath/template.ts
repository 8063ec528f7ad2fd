// A compiled kubectl JSONPath template (`-o jsonpath=...`): literal text plus `{...}` actions,
// with `{range <expr>}...{end}` blocks, executed and printed the way kubectl 1.32 prints them.
import type { ListNode, TemplateNode } from './ast.js';
import { Evaluator } from './evaluator.js';
import { goJson } from './go-format.js';
import { formatGoFloat, formatGoInt, goKindOf, goNumber } from './go-values.js';
import { parseTemplateNodes } from './parser.js';

export interface JsonPathOptions {
  /** Missing fields print nothing (kubectl's --allow-missing-template-keys, default true). */
  allowMissingKeys?: boolean;
}

export interface JsonPathExecuteOptions extends JsonPathOptions {
  /** `-o jsonpath-as-json`: print each result set as an indented JSON array. */
  asJson?: boolean;
}

export interface JsonPathTemplate {
  readonly source: string;
  /** Renders the template against decoded JSON; throws JsonPathError (phase 'execute'). */
  execute(data: unknown, options?: JsonPathExecuteOptions): string;
  /** The raw result sets, one per printed expression (client-go's FindResults). */
  findResults(data: unknown, options?: JsonPathOptions): unknown[][];
}

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'expression'; list: ListNode }
  | { kind: 'range'; expression: ListNode; body: Part[]; closed: boolean };

function isKeyword(node: TemplateNode, keyword: 'range' | 'end'): node is ListNode {
  const first = node.type === 'list' ? node.nodes[0] : undefined;
  return first?.type === 'identifier' && first.name === keyword;
}

// Turns the flat action sequence into nested range blocks. A stray {end} stays an expression
// and fails when executed ("not in range, nothing to end"), as in client-go.
function buildParts(nodes: TemplateNode[]): Part[] {
  const root: Part[] = [];
  const open: Array<Extract<Part, { kind: 'range' }>> = [];
  for (const node of nodes) {
    const target = open[open.length - 1]?.body ?? root;
    if (node.type === 'text') {
      target.push({ kind: 'text', text: node.text });
    } else if (isKeyword(node, 'range')) {
      const block: Part = { kind: 'range', expression: { type: 'list', nodes: node.nodes.slice(1) }, body: [], closed: false };
      target.push(block);
      open.push(block);
    } else if (isKeyword(node, 'end') && open.length > 0) {
      const block = open.pop();
      if (block !== undefined) block.closed = true;
    } else {
      target.push({ kind: 'expression', list: node });
    }
  }
  return root;
}

class CompiledJsonPath implements JsonPathTemplate {
  private readonly parts: Part[];

  constructor(readonly source: string) {
    this.parts = buildParts(parseTemplateNodes(source));
  }

  findResults(data: unknown, options: JsonPathOptions = {}): unknown[][] {
    const evaluator = new Evaluator({ allowMissingKeys: options.allowMissingKeys ?? true });
    const results: unknown[][] = [];
    this.run(this.parts, data, evaluator, results);
    return results;
  }

  execute(data: unknown, options: JsonPathExecuteOptions = {}): string {
    const results = this.findResults(data, options);
    if (options.asJson === true) return results.map((values) => `${goJson(values, '    ')}\n`).join('');
    return results.map((values) => values.map(printValue).join(' ')).join('');
  }

  private run(parts: Part[], data: unknown, evaluator: Evaluator, results: unknown[][]): void {
    for (const part of parts) {
      if (part.kind === 'text') {
        results.push([part.text]);
        continue;
      }
      if (part.kind === 'expression') {
        results.push(evaluator.evalList([data], part.list));
        continue;
      }
      const items = evaluator.evalList([data], part.expression);
      // client-go walks an empty range's body once with nil data (so its errors still surface) and discards the output.
      if (items.length === 0) this.run(part.body, null, evaluator, []);
      for (const item of items) this.run(part.body, item, evaluator, results);
      // Without {end}, client-go runs the rest of the template once more against the outer data.
      if (!part.closed) this.run(part.body, data, evaluator, results);
    }
  }
}

/** How one result prints: strings raw, maps and slices as compact JSON, nil as `null`. */
function printValue(value: unknown): string {
  switch (goKindOf(value)) {
    case 'string':
      return value as string;
    case 'int':
      return formatGoInt(goNumber(value));
    case 'float':
      return formatGoFloat(goNumber(value));
    case 'bool':
      return String(value);
    default:
      return goJson(value);
  }
}

/** Parses a kubectl JSONPath template; throws JsonPathError (phase 'parse') with client-go's message. */
export function compileJsonPath(template: string): JsonPathTemplate {
  return new CompiledJsonPath(template);
}
