// The slices of the API objects the volume and env code reads, named once. ConfigMap, Secret and
// the claim types are not in @kctl/shared, so only the fields used here are declared.
import type { Pod, Service } from '@kctl/shared';
import type { Container } from '../status/api-types.js';

export type { Container, Pod, Service };
export type PodSpec = NonNullable<Pod['spec']>;
export type Volume = NonNullable<PodSpec['volumes']>[number];
export type VolumeMountSpec = NonNullable<Container['volumeMounts']>[number];
export type EnvVar = NonNullable<Container['env']>[number];
export type KeyToPath = NonNullable<NonNullable<Volume['configMap']>['items']>[number];
export type DownwardApiFile = NonNullable<NonNullable<Volume['downwardAPI']>['items']>[number];
export type ObjectFieldSelector = NonNullable<DownwardApiFile['fieldRef']>;
export type ResourceFieldSelector = NonNullable<DownwardApiFile['resourceFieldRef']>;

interface Meta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  deletionTimestamp?: string;
}

export interface ConfigMap {
  apiVersion?: string;
  kind?: string;
  metadata?: Meta;
  data?: Record<string, string>;
  /** base64 on the wire */
  binaryData?: Record<string, string>;
}

export interface Secret {
  apiVersion?: string;
  kind?: string;
  metadata?: Meta;
  /** base64 on the wire */
  data?: Record<string, string>;
  type?: string;
}

export interface PersistentVolumeClaim {
  metadata?: Meta;
  spec?: { volumeName?: string };
  status?: { phase?: string };
}

export interface PersistentVolume {
  metadata?: Meta;
  spec?: { hostPath?: { path: string; type?: string }; local?: { path: string } };
}
