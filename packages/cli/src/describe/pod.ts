// kubectl describe pod (describe.go's describePod).
import type { KubernetesObject, Pod } from '@kctl/shared';
import { describeContainers, describeResources } from './containers.js';
import type { DescribeContext } from './context.js';
import { describeEvents, loadEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './multiline.js';
import { controlledBy } from './owner.js';
import { podQosClass } from './pod-resources.js';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0, LEVEL_1, tabbedString } from './prefix-writer.js';
import { describeTopologySpreadConstraints } from './topology-spread.js';
import { formatRfc1123z, timestampSince } from './time-format.js';
import { describeVolumes } from './volumes.js';

/** Mirror pods' events are recorded against the static pod's UID, kept in this annotation. */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export async function describePod(obj: KubernetesObject, ctx: DescribeContext): Promise<string> {
  const pod = obj as Pod;
  const meta = pod.metadata ?? {};
  // PodDescriber clears the reference's kind, so the search has no involvedObject.kind term.
  const events = await loadEvents(ctx, {
    name: meta.name ?? '',
    namespace: meta.namespace ?? '',
    uid: meta.annotations?.[MIRROR_POD_ANNOTATION] ?? meta.uid,
  });
  return tabbedString((w) => {
    writeHeader(pod, w, ctx.now);
    const initContainers = pod.spec?.initContainers ?? [];
    if (initContainers.length > 0) {
      describeContainers({ label: 'Init Containers', containers: initContainers, statuses: pod.status?.initContainerStatuses ?? [], pod, space: '' }, w);
    }
    describeContainers({ label: 'Containers', containers: pod.spec?.containers ?? [], statuses: pod.status?.containerStatuses ?? [], pod, space: '' }, w);
    const ephemeral = pod.spec?.ephemeralContainers ?? [];
    if (ephemeral.length > 0) {
      describeContainers({ label: 'Ephemeral Containers', containers: ephemeral, statuses: pod.status?.ephemeralContainerStatuses ?? [], pod, space: '' }, w);
    }
    writeConditions(pod, w);
    describeVolumes(pod.spec?.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${podQosClass(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', pod.spec?.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', pod.spec?.tolerations);
    describeTopologySpreadConstraints(pod.spec?.topologySpreadConstraints, w, '');
    if (events) describeEvents(events, w, ctx.now);
  });
}

function writeHeader(pod: Pod, w: PrefixWriter, now: Date): void {
  const meta = pod.metadata ?? {};
  const spec = pod.spec;
  const status = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec?.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec?.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${timestampSince(meta.deletionTimestamp, now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = spec?.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const podIPs = status.podIPs ?? [];
  if (podIPs.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
  } else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controller = controlledBy(meta);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const podResources = (spec as { resources?: Parameters<typeof describeResources>[0] } | undefined)?.resources;
  if (podResources) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(podResources, w, LEVEL_1);
  }
}

function writeConditions(pod: Pod, w: PrefixWriter): void {
  const gates = pod.spec?.readinessGates ?? [];
  const conditions = pod.status?.conditions ?? [];
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const gate of gates) {
      const status = conditions.find((c) => c.type === gate.conditionType)?.status ?? '<none>';
      w.write(LEVEL_1, `${gate.conditionType} \t${status} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
}
