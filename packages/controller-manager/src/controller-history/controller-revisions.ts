// Workload history (pkg/controller/history and each controller's constructHistory): every pod
// template a DaemonSet or StatefulSet has run is kept as an apps/v1 ControllerRevision named
// <owner>-<hash>, whose data is the template as a "replace" patch. The revision matching the
// current template is the update revision; its hash goes on the pods as controller-revision-hash.
import { ApiError, defaultCatalog, resourcePath } from '@kctl/shared';
import type { ApiClient, ObjectMeta, PodTemplateSpec } from '@kctl/shared';
import { controllerRefOf, isControlledBy, type ControllerObject } from '../pod-control/index.js';
import { canonicalJson } from '../object-hash.js';
import { hashRevisionData } from './revision-hash.js';
import { isNotFound } from '../controller-runtime.js';

export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
export const REVISIONS = defaultCatalog.resolve('controllerrevisions')!;

export interface ControllerRevision {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  data?: unknown;
  revision: number;
}

interface TemplatePatch {
  spec: { template: Record<string, unknown> };
}

/** What a revision stores: upstream's getPatch, the template marked to replace the whole field. */
export function templatePatch(template: PodTemplateSpec | undefined): TemplatePatch {
  return { spec: { template: { ...(template ?? {}), $patch: 'replace' } } };
}

/** The pod template a revision snapshots (ApplyRevision, for a replace patch). */
export function templateOfRevision(revision: ControllerRevision): PodTemplateSpec {
  const stored = (revision.data as Partial<TemplatePatch> | undefined)?.spec?.template ?? {};
  const { $patch: _replace, ...template } = stored;
  return template as PodTemplateSpec;
}

export function revisionMatchesTemplate(revision: ControllerRevision, template: PodTemplateSpec | undefined): boolean {
  return canonicalJson(revision.data) === canonicalJson(templatePatch(template));
}

export function hashOfRevision(revision: ControllerRevision): string {
  return revision.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
}

/** The owner's revisions, oldest first (by revision number, then name like history.SortControllerRevisions). */
export function ownedRevisions(all: readonly ControllerRevision[], owner: ControllerObject): ControllerRevision[] {
  const namespace = owner.metadata?.namespace ?? '';
  return all
    .filter((r) => (r.metadata?.namespace ?? '') === namespace && isControlledBy(r, owner))
    .sort((a, b) => a.revision - b.revision || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

export interface HistoryOwner extends ControllerObject {
  spec?: { template?: PodTemplateSpec };
}

export interface UpdateRevision {
  revision: ControllerRevision;
  /** status.collisionCount after any hash collision was stepped past */
  collisionCount: number;
}

const isAlreadyExists = (err: unknown) => err instanceof ApiError && err.code === 409 && err.reason === 'AlreadyExists';

/**
 * Finds or creates the revision of the owner's current template. An older revision equal to it is
 * reused and renumbered as the newest (a rollback); a name taken by a different template bumps
 * the collision count and tries the next hash, as upstream does.
 */
export async function ensureUpdateRevision(
  client: ApiClient,
  owner: HistoryOwner,
  revisions: readonly ControllerRevision[],
  collisionCount: number,
): Promise<UpdateRevision> {
  const template = owner.spec?.template;
  const next = (revisions.at(-1)?.revision ?? 0) + 1;
  const equal = revisions.filter((r) => revisionMatchesTemplate(r, template));
  const latestEqual = equal.at(-1);
  if (latestEqual) {
    if (latestEqual === revisions.at(-1)) return { revision: latestEqual, collisionCount };
    const renumbered = await client.patch<ControllerRevision>(
      resourcePath(REVISIONS, owner.metadata?.namespace, latestEqual.metadata?.name ?? ''),
      { revision: next },
      'application/merge-patch+json',
    );
    return { revision: renumbered, collisionCount };
  }
  const namespace = owner.metadata?.namespace ?? '';
  for (let count = collisionCount; ; count++) {
    const data = templatePatch(template);
    const hash = hashRevisionData(data, count);
    const name = `${owner.metadata?.name ?? ''}-${hash}`;
    const revision: ControllerRevision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace,
        labels: { ...(template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
        ownerReferences: [controllerRefOf(owner)],
      },
      data,
      revision: next,
    };
    try {
      return { revision: await client.create<ControllerRevision>(resourcePath(REVISIONS, namespace), revision), collisionCount: count };
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      // Our own revision, created by an earlier sync the cache has not shown yet: use it.
      const existing = await client.get<ControllerRevision>(resourcePath(REVISIONS, namespace, name));
      if (isControlledBy(existing, owner) && revisionMatchesTemplate(existing, template)) return { revision: existing, collisionCount: count };
    }
  }
}

/** Deletes the oldest revisions no pod runs any more, beyond revisionHistoryLimit. */
export async function truncateHistory(
  client: ApiClient,
  revisions: readonly ControllerRevision[],
  live: ReadonlySet<string>,
  limit: number,
): Promise<void> {
  const unused = revisions.filter((r) => !live.has(r.metadata?.name ?? ''));
  for (const revision of unused.slice(0, Math.max(0, unused.length - limit))) {
    try {
      await client.delete(resourcePath(REVISIONS, revision.metadata?.namespace, revision.metadata?.name ?? ''));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
