// Options a write request carries, from its query string and (for DELETE) its body.
export interface WriteOptions {
  dryRun: boolean;
  fieldManager?: string;
  force?: boolean;
  /** Who is writing, for metadata.managedFields: the fieldManager, else the user agent's product. */
  manager?: string;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** deprecated: true is Orphan, false is Background, unless propagationPolicy is set too (an error) */
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
}

export type Query = Record<string, string | string[] | undefined>;

export function queryValue(query: Query, key: string): string | undefined {
  const v = query[key];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

export function queryFlag(query: Query, key: string): boolean {
  const v = queryValue(query, key);
  return v === 'true' || v === '1';
}

export function writeOptions(query: Query, userAgent?: string): WriteOptions {
  const fieldManager = queryValue(query, 'fieldManager');
  // Kubernetes names an unnamed manager after the client: "kubectl/v1.32 (...)" → "kubectl".
  const manager = fieldManager || (userAgent ?? 'unknown').split('/', 1)[0]?.slice(0, 128) || 'unknown';
  return {
    dryRun: queryValue(query, 'dryRun') === 'All',
    ...(fieldManager ? { fieldManager } : {}),
    force: queryFlag(query, 'force'),
    manager,
  };
}

export function deleteOptions(query: Query, body: unknown): DeleteOptions {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const grace = queryValue(query, 'gracePeriodSeconds') ?? b.gracePeriodSeconds;
  const policy = queryValue(query, 'propagationPolicy') ?? b.propagationPolicy;
  const dryRun = queryValue(query, 'dryRun') === 'All' || (Array.isArray(b.dryRun) && b.dryRun.includes('All'));
  const orphan = queryValue(query, 'orphanDependents') ?? b.orphanDependents;
  return {
    ...(orphan !== undefined && orphan !== null ? { orphanDependents: orphan === true || orphan === 'true' } : {}),
    ...(grace !== undefined && grace !== null ? { gracePeriodSeconds: Number(grace) } : {}),
    ...(typeof policy === 'string' ? { propagationPolicy: policy as DeleteOptions['propagationPolicy'] } : {}),
    ...(b.preconditions && typeof b.preconditions === 'object' ? { preconditions: b.preconditions as DeleteOptions['preconditions'] } : {}),
    dryRun,
  };
}
