// Field errors that @kctl/shared's fieldErrors cannot express: NotFound, and Invalid with a bad
// value that Kubernetes prints in Go syntax (maps, slices, structs) rather than as JSON.
import type { FieldError } from '@kctl/shared';

export function notFound(field: string, value: string): FieldError {
  return { type: 'FieldValueNotFound', field, message: `Not found: ${JSON.stringify(value)}` };
}

/** `Invalid value: <goValue>: detail`, where goValue is already formatted (see go-format.ts). */
export function invalidGoValue(field: string, goValue: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, message: `Invalid value: ${goValue}: ${detail}` };
}

/** `Duplicate value: <goValue>` for composite values such as a service's (port, protocol). */
export function duplicateGoValue(field: string, goValue: string): FieldError {
  return { type: 'FieldValueDuplicate', field, message: `Duplicate value: ${goValue}` };
}
