import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kctl/shared';
import { strategyFor } from './strategy-table.js';
import { describeErrors, runCreate, runUpdate } from './strategy-pipeline.js';

const services = strategyFor('', 'services');
const service = (spec: Record<string, unknown>, name = 'web'): KubernetesObject => ({ metadata: { name, namespace: 'default' }, spec });

describe('Service strategy', () => {
  it('defaults a ClusterIP service', () => {
    const { object, errors } = runCreate(services, service({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(errors).toEqual([]);
    expect(object.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    expect(object.status).toEqual({ loadBalancer: {} });
  });

  it('adds externalTrafficPolicy for NodePort and LoadBalancer services', () => {
    const nodePort = runCreate(services, service({ type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] })).object.spec;
    expect(nodePort).toMatchObject({ externalTrafficPolicy: 'Cluster', ports: [{ targetPort: 'http' }] });
    const lb = runCreate(services, service({ type: 'LoadBalancer', ports: [{ port: 443 }] })).object.spec;
    expect(lb).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true });
  });

  it('requires ports unless headless, and names when there are several', () => {
    expect(describeErrors(runCreate(services, service({ selector: { app: 'web' } })).errors)).toEqual(['spec.ports: Required value']);
    expect(runCreate(services, service({ clusterIP: 'None' })).errors).toEqual([]);
    expect(runCreate(services, service({ clusterIP: 'None' })).object.spec).toMatchObject({ ipFamilyPolicy: 'RequireDualStack' });
    const twoPorts = service({ ports: [{ port: 80 }, { port: 80, name: 'http' }] });
    expect(describeErrors(runCreate(services, twoPorts).errors)).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
  });

  it('checks port numbers, protocols and types', () => {
    const errors = describeErrors(runCreate(services, service({ type: 'Magic', ports: [{ port: 0, protocol: 'ICMP' }] })).errors);
    expect(errors).toEqual([
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });

  it('names services with DNS-1035 labels', () => {
    expect(describeErrors(runCreate(services, service({ ports: [{ port: 80 }] }, '1web')).errors)[0]).toMatch(
      /^metadata\.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/,
    );
  });

  it('keeps an allocated cluster IP and node ports when an update omits them, but not a changed IP', () => {
    const old = runCreate(services, service({ type: 'NodePort', ports: [{ port: 80 }] })).object;
    Object.assign(old.spec as object, { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
    (old.spec as any).ports[0].nodePort = 30080;
    const replaced = runUpdate(services, service({ type: 'NodePort', ports: [{ port: 80 }] }), old);
    expect(replaced.errors).toEqual([]);
    expect(replaced.object.spec).toMatchObject({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ nodePort: 30080 }] });

    const moved = service({ type: 'NodePort', clusterIP: '10.96.0.11', ports: [{ port: 80 }] });
    expect(describeErrors(runUpdate(services, moved, old).errors)).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set',
    ]);
  });
});
