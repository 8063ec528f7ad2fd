// Which printer serves which resource, keyed like the REST paths: API group + plural resource.
import { configMapPrinter, secretPrinter, serviceAccountPrinter } from './config-printers.js';
import { controllerRevisionPrinter } from './controllerrevision-printer.js';
import { cronJobPrinter } from './cronjob-printer.js';
import { daemonSetPrinter } from './daemonset-printer.js';
import { defaultPrinter } from './default-printer.js';
import { deploymentPrinter } from './deployment-printer.js';
import { endpointSlicePrinter, endpointsPrinter } from './endpoints-printers.js';
import { eventPrinter } from './event-printer.js';
import { jobPrinter } from './job-printer.js';
import { leasePrinter } from './lease-printer.js';
import { namespacePrinter } from './namespace-printer.js';
import { nodePrinter } from './node-printer.js';
import { podPrinter } from './pod-printer.js';
import type { Printer } from './printer.js';
import { replicaSetPrinter } from './replicaset-printer.js';
import { runtimeClassPrinter } from './runtimeclass-printer.js';
import { servicePrinter } from './service-printer.js';
import { statefulSetPrinter } from './statefulset-printer.js';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage-printers.js';

/** `group/resource`, with the core group as the empty string (so core keys start with `/`). */
function key(group: string, resource: string): string {
  return `${group}/${resource}`;
}

const PRINTERS = new Map<string, Printer>([
  [key('', 'pods'), podPrinter],
  [key('', 'nodes'), nodePrinter],
  [key('', 'namespaces'), namespacePrinter],
  [key('', 'services'), servicePrinter],
  [key('', 'endpoints'), endpointsPrinter],
  [key('', 'events'), eventPrinter],
  // Served from the same stored objects, converted to core/v1 before printing.
  [key('events.k8s.io', 'events'), eventPrinter],
  [key('', 'configmaps'), configMapPrinter],
  [key('', 'secrets'), secretPrinter],
  [key('', 'serviceaccounts'), serviceAccountPrinter],
  [key('', 'persistentvolumes'), persistentVolumePrinter],
  [key('', 'persistentvolumeclaims'), persistentVolumeClaimPrinter],
  [key('apps', 'deployments'), deploymentPrinter],
  [key('apps', 'replicasets'), replicaSetPrinter],
  [key('apps', 'statefulsets'), statefulSetPrinter],
  [key('apps', 'daemonsets'), daemonSetPrinter],
  [key('apps', 'controllerrevisions'), controllerRevisionPrinter],
  [key('batch', 'jobs'), jobPrinter],
  [key('batch', 'cronjobs'), cronJobPrinter],
  [key('coordination.k8s.io', 'leases'), leasePrinter],
  [key('discovery.k8s.io', 'endpointslices'), endpointSlicePrinter],
  [key('storage.k8s.io', 'storageclasses'), storageClassPrinter],
  [key('node.k8s.io', 'runtimeclasses'), runtimeClassPrinter],
]);

/** The printer for a resource; resources without one get Name + Created At, like upstream. */
export function printerFor(group: string, resource: string): Printer {
  return PRINTERS.get(key(group, resource)) ?? defaultPrinter;
}
