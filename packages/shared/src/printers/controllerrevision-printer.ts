// ControllerRevisions: `NAME CONTROLLER REVISION AGE`.
import type { IControllerRevision } from 'kubernetes-models/apps/v1';
import type { IOwnerReference } from '@kubernetes-models/apimachinery/apis/meta/v1';
import { age } from './human-duration.js';
import { ageColumn, column, definePrinter, nameColumn } from './printer.js';

/**
 * formatResourceName of the controlling owner: `statefulset.apps/web`. The group comes from
 * the owner's apiVersion; upstream fails the whole request on an unparsable one, we fall back
 * to the kind alone instead.
 */
function controllerCell(revision: IControllerRevision): string {
  const owner: IOwnerReference | undefined = revision.metadata?.ownerReferences?.find((ref) => ref.controller === true);
  if (!owner) return '<none>';
  const parts = (owner.apiVersion ?? '').split('/');
  const group = parts.length === 2 ? parts[0] : '';
  const groupKind = group ? `${owner.kind}.${group}` : owner.kind;
  return groupKind ? `${groupKind.toLowerCase()}/${owner.name}` : owner.name;
}

export const controllerRevisionPrinter = definePrinter<IControllerRevision>({
  columns: [
    nameColumn(),
    column('Controller', 'Controller of the object'),
    column('Revision', 'Revision indicates the revision of the state represented by Data.'),
    ageColumn(),
  ],
  cells: (revision, now) => [
    revision.metadata?.name ?? '',
    controllerCell(revision),
    revision.revision ?? 0,
    age(revision.metadata?.creationTimestamp, now),
  ],
});
