// The strategic-merge schema: for each field, how Kubernetes merges it. This is the subset of
// the `patchStrategy` / `patchMergeKey` struct tags of k8s.io/api (v0.32) that matters to the
// kinds we serve; anything not listed behaves like an untagged field (maps merge key by key,
// lists are replaced wholesale).

export interface FieldPatchMeta {
  /** patchStrategy:"merge": list items are merged (by `mergeKey` for objects, by value for primitives). */
  readonly strategy?: 'merge';
  readonly mergeKey?: string;
  /**
   * patchStrategy:"retainKeys": on a struct field it applies to that struct, on a list to each item
   * (Deployment spec.strategy, pod volumes): a patch then also lists the keys to keep, so switching
   * a union member (rollingUpdate → Recreate) drops the old one.
   */
  readonly retainKeys?: boolean;
  /** Schema of the field's value, or of each item for a list. */
  readonly type?: TypeSchema;
  /**
   * A map with arbitrary keys (labels, data, resource quantities) rather than a struct. Patching
   * treats both alike; server-side apply records the map itself as owned, as Kubernetes does.
   */
  readonly freeFormMap?: boolean;
}

export interface TypeSchema {
  readonly fields: Readonly<Record<string, FieldPatchMeta>>;
}

/** What an untagged field looks like. */
const UNTAGGED: FieldPatchMeta = {};

export function fieldMeta(schema: TypeSchema | undefined, field: string): FieldPatchMeta {
  return schema?.fields[field] ?? UNTAGGED;
}

// Small constructors keep the tables below readable.

export function struct(fields: Record<string, FieldPatchMeta>): TypeSchema {
  return { fields };
}

export function nested(type: TypeSchema): FieldPatchMeta {
  return { type };
}

export function mergedBy(mergeKey: string, type?: TypeSchema, extra: Pick<FieldPatchMeta, 'retainKeys'> = {}): FieldPatchMeta {
  return { strategy: 'merge', mergeKey, ...(type ? { type } : {}), ...extra };
}

/** A list of strings merged as a set (metadata.finalizers, node spec.podCIDRs). */
export const MERGED_PRIMITIVES: FieldPatchMeta = { strategy: 'merge' };

export const FREE_FORM_MAP: FieldPatchMeta = { freeFormMap: true };

export const RETAIN_KEYS_STRUCT: FieldPatchMeta = { retainKeys: true };

/** metav1.Condition and every <Kind>Condition list: merged by `type`. */
export const CONDITIONS: FieldPatchMeta = mergedBy('type');
