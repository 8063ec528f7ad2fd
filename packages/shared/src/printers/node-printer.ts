// Nodes: `NAME STATUS ROLES AGE VERSION` · wide `INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME`.
import type { Node } from '../api/object-types.js';
import { age } from './human-duration.js';
import { ageColumn, column, definePrinter, nameColumn, wideColumn } from './printer.js';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

/** Only the Ready condition counts (the last one wins if repeated); cordoning is appended. */
function nodeStatusCell(node: Node): string {
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  const parts = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Roles come from `node-role.kubernetes.io/<role>` keys (any value) and the legacy `kubernetes.io/role` value. */
function nodeRolesCell(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role) roles.add(role);
    } else if (key === LEGACY_ROLE_LABEL && value) {
      roles.add(value);
    }
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

function addressOfType(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter = definePrinter<Node>({
  columns: [
    nameColumn(),
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    ageColumn(),
    column('Version', 'Kubelet Version reported by the node.'),
    wideColumn('Internal-IP', 'The first InternalIP address of the node.'),
    wideColumn('External-IP', 'The first ExternalIP address of the node.'),
    wideColumn('OS-Image', 'OS Image reported by the node.'),
    wideColumn('Kernel-Version', 'Kernel Version reported by the node.'),
    wideColumn('Container-Runtime', 'ContainerRuntime Version reported by the node.'),
  ],
  cells(node, now) {
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? '',
      nodeStatusCell(node),
      nodeRolesCell(node),
      age(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      addressOfType(node, 'InternalIP'),
      addressOfType(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
});
