/**
 * Thrown when a label or field selector string (or a LabelSelector spec) is malformed.
 * The message mirrors apimachinery's wording so the API server can return it verbatim
 * inside a 400 BadRequest Status, as kube-apiserver does.
 */
export class SelectorParseError extends Error {
  override readonly name = 'SelectorParseError';
}
