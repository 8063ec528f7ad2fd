import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kctl/shared';
import { checkExposable, introspect } from './expose-introspection.js';
import { parseLabelSpec, serviceForExpose } from './expose-service.js';
import type { ExposeFlags } from './expose-service.js';

const pod = (labels: Record<string, string> | undefined, ports: Array<{ containerPort: number; protocol?: string }>): KubernetesObject =>
  ({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web', ...(labels ? { labels } : {}) }, spec: { containers: [{ name: 'c', ports }] } }) as KubernetesObject;

const generate = (obj: KubernetesObject, flags: ExposeFlags = {}) =>
  serviceForExpose(flags, obj.metadata!.name!, introspect(obj), Object.entries(obj.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(','));

describe('serviceForExpose (kubectl expose generator)', () => {
  it('builds what kubectl prints for --port/--target-port/--type, in Go field order', () => {
    const service = generate(pod({ app: 'web', tier: 'fe' }, [{ containerPort: 8080 }]), { port: '80', targetPort: '8080', type: 'NodePort' });
    // Byte-for-byte what `kubectl expose pod web --port 80 --target-port 8080 --type NodePort --dry-run=client -o json` prints.
    expect(JSON.stringify(service)).toBe(
      '{"kind":"Service","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web","tier":"fe"}},' +
        '"spec":{"ports":[{"protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"web","tier":"fe"},"type":"NodePort"},"status":{"loadBalancer":{}}}',
    );
  });

  it('copies every container port, naming them port-N and splitting a number with two protocols', () => {
    const service = generate(pod({ app: 'web' }, [{ containerPort: 8080 }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }]));
    expect((service as { spec: { ports: unknown } }).spec.ports).toEqual([
      { name: 'port-1', protocol: 'TCP', port: 8080, targetPort: 8080 },
      { name: 'port-2-udp', protocol: 'UDP', port: 53, targetPort: 53 },
      { name: 'port-2-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
    ]);
  });

  it('takes the protocol of a single copied port, and --protocol over it', () => {
    const udp = pod({ app: 'dns' }, [{ containerPort: 53, protocol: 'UDP' }]);
    expect((generate(udp) as { spec: { ports: unknown } }).spec.ports).toEqual([{ protocol: 'UDP', port: 53, targetPort: 53 }]);
    expect((generate(udp, { protocol: 'SCTP' }) as { spec: { ports: unknown } }).spec.ports).toEqual([{ protocol: 'SCTP', port: 53, targetPort: 53 }]);
  });

  it('keeps a named --target-port as a string and sets every flag kubectl sets', () => {
    const service = generate(pod({ app: 'web' }, []), {
      port: '80', targetPort: 'http', name: 'other', labels: 'k=v', selector: 's=t', clusterIp: 'None',
      type: 'LoadBalancer', externalIp: '1.2.3.4', sessionAffinity: 'ClientIP', protocol: 'UDP', loadBalancerIp: '5.6.7.8',
    });
    expect(service).toEqual({
      kind: 'Service', apiVersion: 'v1',
      metadata: { name: 'other', creationTimestamp: null, labels: { k: 'v' } },
      spec: {
        ports: [{ protocol: 'UDP', port: 80, targetPort: 'http' }], selector: { s: 't' }, clusterIP: 'None', type: 'LoadBalancer',
        externalIPs: ['1.2.3.4'], sessionAffinity: 'ClientIP', loadBalancerIP: '5.6.7.8',
      },
      status: { loadBalancer: {} },
    });
  });

  it('allows a headless service without ports', () => {
    const service = generate(pod({ app: 'web' }, []), { clusterIp: 'None' });
    expect((service as { spec: object }).spec).toEqual({ selector: { app: 'web' }, clusterIP: 'None' });
  });

  it("fails in kubectl's words", () => {
    expect(() => generate(pod(undefined, [{ containerPort: 1 }]), { port: '80' })).toThrow(
      "couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed",
    );
    expect(() => generate(pod({ a: 'b' }, []))).toThrow(/^couldn't find port via --port flag or introspection$/);
    expect(() => generate(pod({ a: 'b' }, []), { port: 'abc' })).toThrow('strconv.Atoi: parsing "abc": invalid syntax');
    expect(() => generate(pod({ a: 'b' }, []), { port: '80', sessionAffinity: 'x' })).toThrow('unknown session affinity: x');
    expect(() => parseLabelSpec('a=b=c')).toThrow('unexpected label spec: a=b=c');
    expect(() => parseLabelSpec('=b')).toThrow('unexpected empty label key');
  });
});

describe('introspection of the exposed object', () => {
  const deployment = (selector: unknown): KubernetesObject =>
    ({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'd' }, spec: { selector, template: { spec: { containers: [{ ports: [{ containerPort: 9000 }] }] } } } }) as KubernetesObject;

  it('reads a deployment selector from matchLabels and its ports from the template', () => {
    expect(introspect(deployment({ matchLabels: { app: 'd' } }))).toMatchObject({ selector: 'app=d', ports: ['9000'] });
  });

  it('refuses matchExpressions with the requirements as Go prints them', () => {
    const source = introspect(deployment({ matchLabels: { app: 'd' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'env', operator: 'Exists' }] }));
    expect((source.selector as Error).message).toBe(
      'couldn\'t convert expressions - "[{Key:tier Operator:In Values:[a b]} {Key:env Operator:Exists Values:[]}]" to map-based selector format',
    );
    expect((introspect(deployment({})).selector as Error).message).toBe('invalid deployment: no selectors, therefore cannot be exposed');
  });

  it('reads a service by its selector and ports, and refuses one without a selector', () => {
    const svc = { kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] } } as KubernetesObject;
    expect(introspect(svc)).toMatchObject({ selector: 'app=x', ports: ['80', '53'] });
    expect((introspect({ ...svc, spec: {} } as KubernetesObject).selector as Error).message).toBe('the service has no pod selector set');
  });

  it('exposes only the kinds kubectl exposes', () => {
    expect(() => checkExposable('ReplicaSet', 'apps')).not.toThrow();
    expect(() => checkExposable('ConfigMap', '')).toThrow('cannot expose a ConfigMap');
    expect(() => checkExposable('StatefulSet', 'apps')).toThrow('cannot expose a StatefulSet.apps');
  });
});
