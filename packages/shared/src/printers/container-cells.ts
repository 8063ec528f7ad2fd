// layoutContainerCells: the wide Containers / Images cells of every pod-template owner.
import type { Container } from '../api/object-types.js';

/** Container names and images, each joined with `,` in spec order (init containers excluded). */
export function containerCells(containers: Container[] | undefined): [names: string, images: string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}
