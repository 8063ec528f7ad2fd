// The catalogue of API failures, each mapped to the Kubernetes Status reason and code that
// kubectl and client-node know how to print.
import type { Status, StatusCause } from './object-types.js';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Gone'
  | 'Expired'
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout';

export interface FieldError {
  /** FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueForbidden, FieldValueDuplicate, FieldValueTooLong */
  type: string;
  field: string;
  /** Full text after "field: ", e.g. `Required value` or `Invalid value: "x": must be ...` */
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: Status['details'],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }

  static fromStatus(status: Status): ApiError {
    return new ApiError(status.code, (status.reason ?? 'InternalError') as StatusReason, status.message ?? '', status.details);
  }
}

interface Target {
  /** plural resource, e.g. "pods" */
  resource: string;
  group?: string;
  name: string;
}

function qualified(t: Target): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

function details(t: Target): Status['details'] {
  return { name: t.name, ...(t.group ? { group: t.group } : {}), kind: t.resource };
}

export const errors = {
  notFound: (t: Target) => new ApiError(404, 'NotFound', `${qualified(t)} "${t.name}" not found`, details(t)),
  alreadyExists: (t: Target) => new ApiError(409, 'AlreadyExists', `${qualified(t)} "${t.name}" already exists`, details(t)),
  conflict: (t: Target, why = 'the object has been modified; please apply your changes to the latest version and try again') =>
    new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(t)} "${t.name}": ${why}`, details(t)),
  invalid: (kind: string, name: string, fieldErrors: FieldError[], group?: string) => {
    const list = fieldErrors.map((e) => `${e.field}: ${e.message}`);
    const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
    return new ApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${summary}`, {
      name,
      ...(group ? { group } : {}),
      kind,
      causes: fieldErrors.map((e): StatusCause => ({ reason: e.type, message: e.message, field: e.field })),
    });
  },
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  gone: (message: string) => new ApiError(410, 'Expired', message),
  methodNotAllowed: (message: string) => new ApiError(405, 'MethodNotAllowed', message),
  notAcceptable: (message: string) => new ApiError(406, 'NotAcceptable', message),
  tooLarge: (message = 'the request entity is too large') => new ApiError(413, 'RequestEntityTooLarge', message),
  unsupportedMediaType: (contentType: string) =>
    new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got ${JSON.stringify(contentType)})`),
  forbidden: (message: string) => new ApiError(403, 'Forbidden', message),
  internal: (message: string) => new ApiError(500, 'InternalError', `Internal error occurred: ${message}`),
  serviceUnavailable: (message: string) => new ApiError(503, 'ServiceUnavailable', message),
  /** The path is not served at all (unknown resource or group) */
  pathNotFound: () => new ApiError(404, 'NotFound', 'the server could not find the requested resource'),
};

/** Field error constructors with Kubernetes' exact wording (apimachinery field.Error). */
export const fieldErrors = {
  required: (field: string, detail = ''): FieldError => ({
    type: 'FieldValueRequired',
    field,
    message: detail ? `Required value: ${detail}` : 'Required value',
  }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: 'FieldValueInvalid',
    field,
    message: `Invalid value: ${formatValue(value)}${detail ? `: ${detail}` : ''}`,
  }),
  notSupported: (field: string, value: unknown, supported: string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: ${formatValue(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  }),
  duplicate: (field: string, value: unknown): FieldError => ({
    type: 'FieldValueDuplicate',
    field,
    message: `Duplicate value: ${formatValue(value)}`,
  }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` }),
  tooLong: (field: string, max: number): FieldError => ({
    type: 'FieldValueTooLong',
    field,
    message: `Too long: may not be more than ${max} bytes`,
  }),
};

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value);
}
