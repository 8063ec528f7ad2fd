// The failures a patch can end in, carrying the Status code and reason kube-apiserver would
// answer with, so the API server can throw them as they are.
import { ApiError } from '../api/api-errors.js';

export class PatchError extends ApiError {
  private constructor(
    code: number,
    reason: ConstructorParameters<typeof ApiError>[1],
    message: string,
    /** The underlying explanation (equal to `message` except for 422s, where it is the cause). */
    readonly detail: string,
    details?: ConstructorParameters<typeof ApiError>[3],
  ) {
    super(code, reason, message, details);
    this.name = 'PatchError';
  }

  /**
   * A well-formed patch that cannot be applied (JSON patch on a missing path, failing `test`,
   * strategic list of lists). kube-apiserver builds these with
   * NewGenericServerResponse(422, …): a generic message and the real error as the only cause,
   * which kubectl prints as "The request is invalid: …".
   */
  static unprocessable(detail: string): PatchError {
    return new PatchError(422, 'Invalid', 'the server rejected our request due to an error in our request', detail, {
      causes: [{ reason: 'UnexpectedServerResponse', message: detail }],
    });
  }

  /** A patch document that is malformed (not a list of operations, bad directive format). */
  static badRequest(message: string): PatchError {
    return new PatchError(400, 'BadRequest', message, message);
  }

  static tooLarge(message: string): PatchError {
    return new PatchError(413, 'RequestEntityTooLarge', message, message);
  }
}
