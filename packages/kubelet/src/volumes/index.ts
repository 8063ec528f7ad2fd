// What the kubelet uses from this folder: the config-source cache, the pod volume manager, and
// the types the integration passes around.
export { ConfigSourceCache } from './config-sources.js';
export type { ConfigSources, SourceChangeListener, SourceKind, SourceObjects } from './config-sources.js';
export { PodVolumes, removePodVolumeDirs } from './pod-volumes.js';
export type { PodVolumesOptions, VolumeContext } from './pod-volumes.js';
export type { ClusterDns } from './pod-etc-files.js';
export type { NodeAllocatable, PodAddresses } from './downward-api.js';
export { VolumeSetUpError } from './volume-mount.js';
export type { VolumeMount } from './volume-mount.js';
