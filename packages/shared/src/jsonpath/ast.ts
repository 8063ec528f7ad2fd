// Syntax tree of a client-go JSONPath template (util/jsonpath node.go).

/** A `{...}` action, or a sub-expression of a filter or union: nodes applied left to right. */
export interface ListNode {
  type: 'list';
  nodes: PathNode[];
}

/** One bound of `[start:end:step]`; `derived` marks the implicit end of `[n]` (which is n+1). */
export interface SliceParam {
  known: boolean;
  value: number;
  derived: boolean;
}

/** Literal text: outside any action, or a quoted string such as `{"\n"}`. */
export interface TextNode {
  type: 'text';
  text: string;
}

export type PathNode =
  | ListNode
  | TextNode
  | { type: 'field'; name: string }
  | { type: 'array'; params: readonly [SliceParam, SliceParam, SliceParam] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; branches: ListNode[] }
  | { type: 'identifier'; name: string };

/** Top level of a template: literal text and one list per `{...}` action. */
export type TemplateNode = ListNode | TextNode;
