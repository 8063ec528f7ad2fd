// kubectl describe service (describe.go's describeService), endpoints read from the
// EndpointSlices labelled kubernetes.io/service-name=<service>.
import type { KubernetesList, KubernetesObject, Service } from '@kctl/shared';
import type { DescribeContext } from './context.js';
import type { EndpointSlice } from './endpoint-slices.js';
import { formatEndpointSlices } from './endpoint-slices.js';
import { describeEvents, loadEvents } from './events.js';
import { formatLabels } from './label-format.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.js';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0, tabbedString } from './prefix-writer.js';

/** kubectl ignores any error here (no discovery.k8s.io, no permission): endpoints then read "<none>". */
async function endpointSlicesOf(ctx: DescribeContext, namespace: string, name: string): Promise<EndpointSlice[]> {
  try {
    const list = await ctx.client.get<KubernetesList<EndpointSlice>>(
      `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/endpointslices`,
      { labelSelector: `kubernetes.io/service-name=${name}` },
    );
    return list.items ?? [];
  } catch {
    return [];
  }
}

export async function describeService(obj: KubernetesObject, ctx: DescribeContext): Promise<string> {
  const service = obj as Service;
  const meta = service.metadata ?? {};
  const namespace = meta.namespace ?? '';
  const slices = await endpointSlicesOf(ctx, namespace, meta.name ?? '');
  const events = await loadEvents(ctx, { kind: 'Service', name: meta.name ?? '', namespace, uid: meta.uid });
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${namespace}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    writeAddressing(service, w);
    writePorts(service, slices, w);
    writeTrafficPolicy(service, w);
    if (events) describeEvents(events, w, ctx.now);
  });
}

function writeAddressing(service: Service, w: PrefixWriter): void {
  const spec = service.spec ?? {};
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${(spec.externalIPs ?? []).join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress = service.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) {
    const list = ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : (i.hostname ?? ''))).join(', ');
    w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`);
  }
}

function writePorts(service: Service, slices: EndpointSlice[], w: PrefixWriter): void {
  for (const port of service.spec?.ports ?? []) {
    const name = port.name || '<unset>';
    const protocol = port.protocol ?? '';
    w.write(LEVEL_0, `Port:\t${name}\t${port.port}/${protocol}\n`);
    w.write(LEVEL_0, `TargetPort:\t${port.targetPort ?? 0}/${protocol}\n`);
    if (port.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${port.nodePort}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, new Set([port.name ?? '']))}\n`);
  }
}

function writeTrafficPolicy(service: Service, w: PrefixWriter): void {
  const spec = service.spec ?? {};
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${(spec.loadBalancerSourceRanges ?? []).join(',')}\n`);
  const trafficDistribution = (spec as { trafficDistribution?: string }).trafficDistribution;
  if (trafficDistribution) w.write(LEVEL_0, `Traffic Distribution:\t${trafficDistribution}\n`);
}
