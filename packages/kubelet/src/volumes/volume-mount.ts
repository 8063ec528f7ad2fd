// What a container needs bound into its mount namespace (the runtime's VolumeMount), and how a
// failed volume set-up is reported.
export type { VolumeMount } from '../runtime/container-runtime.js';

/** A volume that could not be set up: the kubelet reports FailedMount and keeps the pod
 * ContainerCreating. MESSAGE is the event's text (the first failure); FAILURES holds them all. */
export class VolumeSetUpError extends Error {
  override name = 'VolumeSetUpError';

  constructor(readonly failures: ReadonlyArray<{ volume: string; message: string }>) {
    super(failures[0]?.message ?? 'volume set-up failed');
  }
}
