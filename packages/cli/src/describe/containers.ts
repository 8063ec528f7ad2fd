// The "Containers:" / "Init Containers:" sections of pods and pod templates (describe.go's
// describeContainers and the helpers it calls, in the same order).
import type { Container, Pod } from '@kctl/shared';
import { canonicalQuantity } from '@kctl/shared';
import { describeContainerEnvFrom, describeContainerEnvVars } from './container-env.js';
import { describeProbe } from './container-probe.js';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './prefix-writer.js';
import { formatRfc1123z } from './time-format.js';

type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];
type ContainerState = NonNullable<ContainerStatus['state']>;
type ResourceList = Record<string, string | number>;

export interface ContainersSection {
  label: string;
  containers: Container[];
  /** absent for pod templates, which have no status */
  statuses?: ContainerStatus[];
  /** the pod fieldRef env values are resolved against; absent for templates */
  pod?: Pod;
  /** "  " inside a pod template */
  space: string;
}

export function describeContainers(section: ContainersSection, w: PrefixWriter): void {
  const statuses = new Map((section.statuses ?? []).map((s) => [s.name, s]));
  const none = section.containers.length === 0 ? ' <none>' : '';
  w.write(LEVEL_0, `${section.space}${section.label}:${none}\n`);
  for (const container of section.containers) {
    const status = statuses.get(container.name);
    describeBasicInfo(container, status, section.space, w);
    describeCommand(container, w);
    if (status) describeContainerState(status, w);
    describeResources(container.resources, w, LEVEL_2);
    describeProbes(container, w);
    describeContainerEnvFrom(container, w);
    describeContainerEnvVars(container, section.pod, w);
    describeMounts(container, w);
  }
}

function describeBasicInfo(container: Container, status: ContainerStatus | undefined, space: string, w: PrefixWriter): void {
  w.write(LEVEL_1, `${space ? ' ' : ''}${container.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${container.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = container.ports ?? [];
  const portList = ports.map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
  w.write(LEVEL_2, portList.includes(',') ? `Ports:\t${portList}\n` : `Port:\t${portList || '<none>'}\n`);
  const hostPortList = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
  w.write(LEVEL_2, hostPortList.includes(',') ? `Host Ports:\t${hostPortList}\n` : `Host Port:\t${hostPortList || '<none>'}\n`);
  const seccomp = container.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function describeCommand(container: Container, w: PrefixWriter): void {
  for (const [title, values] of [['Command', container.command], ['Args', container.args]] as const) {
    if (!values || values.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const value of values) for (const line of value.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
}

/** Limits then Requests, each sorted by resource name, values in canonical quantity form. */
export function describeResources(resources: { limits?: ResourceList; requests?: ResourceList } | undefined, w: PrefixWriter, level: number): void {
  for (const [title, list] of [['Limits', resources?.limits], ['Requests', resources?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length === 0) continue;
    w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${canonicalQuantity(list?.[name])}\n`);
  }
}

function describeContainerState(status: ContainerStatus, w: PrefixWriter): void {
  describeState('State', status.state, w);
  if (status.lastState?.terminated) describeState('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

function describeState(name: string, state: ContainerState | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

function describeProbes(container: Container, w: PrefixWriter): void {
  if (container.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(container.livenessProbe)}\n`);
  if (container.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(container.readinessProbe)}\n`);
  if (container.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(container.startupProbe)}\n`);
}

function describeMounts(container: Container, w: PrefixWriter): void {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  // kubectl reuses the mounts' "<none>" marker for the devices title.
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = [...(container.volumeDevices ?? [])].sort((a, b) => (a.devicePath < b.devicePath ? -1 : a.devicePath > b.devicePath ? 1 : 0));
  if (devices.length === 0) return;
  w.write(LEVEL_2, `Devices:${none}\n`);
  for (const d of devices) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
}
