// Patches of every kind the API server accepts, and the patch computations clients make.
export { PatchError } from './patch-error.js';
export { applyJsonPatch } from './json-patch.js';
export { applyMergePatch } from './merge-patch.js';
export { applyStrategicMergePatch } from './strategic-merge-patch.js';
export { createThreeWayMergePatch, createTwoWayMergePatch } from './three-way-merge-patch.js';
export { serverSideApply, type ApplyConflict, type ServerSideApplyOptions } from './server-side-apply.js';
export { applyConflictError } from './apply-conflict-error.js';
export { recordUpdateManagedFields, type ManagedFieldsEntry, type ManagedFieldsOperation } from './managed-fields.js';
export { FieldSet, describePath, type FieldPath } from './field-set.js';
export { patchSchemaFor } from './kind-schemas.js';
export type { FieldPatchMeta, TypeSchema } from './patch-schema.js';
