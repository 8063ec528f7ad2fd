// Wire types shared by every component. Timestamps stay RFC 3339 strings (never Date).
import type {
  IIoK8sApimachineryPkgApisMetaV1ObjectMeta,
  IIoK8sApimachineryPkgApisMetaV1ListMeta,
} from '@kubernetes-models/apimachinery/apis/meta/v1';

export type ObjectMeta = IIoK8sApimachineryPkgApisMetaV1ObjectMeta;
export type ListMeta = IIoK8sApimachineryPkgApisMetaV1ListMeta;
export type { IPod as Pod } from 'kubernetes-models/v1';
export type { INode as Node } from 'kubernetes-models/v1';
export type { INamespace as Namespace } from 'kubernetes-models/v1';
export type { IEvent as Event } from 'kubernetes-models/v1';
export type { IService as Service } from 'kubernetes-models/v1';
export type { IContainer as Container } from 'kubernetes-models/v1';
export type { IPodSpec as PodSpec } from 'kubernetes-models/v1';
export type { IPodTemplateSpec as PodTemplateSpec } from 'kubernetes-models/v1';
export type { IDeployment as Deployment } from 'kubernetes-models/apps/v1';
export type { IReplicaSet as ReplicaSet } from 'kubernetes-models/apps/v1';
export type { IJob as Job } from 'kubernetes-models/batch/v1';

/** Any Kubernetes object: what the generic layers (store, REST, printers, CLI) handle. */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

/** An object that has been stored: it always has metadata. */
export interface StoredKubernetesObject extends KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string; creationTimestamp: string };
}

export interface KubernetesList<T = KubernetesObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T = KubernetesObject> {
  type: WatchEventType;
  object: T;
}

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never> | ListMeta;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

export interface TableColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: '' | 'name';
  description: string;
  priority: 0 | 1;
}

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  object?: KubernetesObject;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

export function isStatus(value: unknown): value is Status {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status';
}
