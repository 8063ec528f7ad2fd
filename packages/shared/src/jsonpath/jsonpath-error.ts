/**
 * A kubectl JSONPath template failed to parse or execute. `message` is client-go's own text
 * (e.g. `unterminated array`); callers add kubectl's framing, such as
 * `error parsing jsonpath <template>, <message>` for `phase: 'parse'`.
 */
export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';

  constructor(
    message: string,
    readonly phase: 'parse' | 'execute',
  ) {
    super(message);
  }
}
