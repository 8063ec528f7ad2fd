import { describe, expect, it } from 'vitest';
import type { Service } from './api-objects.js';
import { serviceEnvironment, serviceEnvVars } from './service-env.js';

function service(namespace: string, name: string, clusterIP: string, ports: Array<{ name?: string; port: number; protocol?: 'TCP' | 'UDP' }>): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { clusterIP, ports } };
}

describe('serviceEnvVars (Kubernetes envvars.FromServices)', () => {
  it('names every variable like Kubernetes, first port special-cased', () => {
    const vars = serviceEnvVars(
      service('ns', 'my-db', '10.0.0.9', [
        { name: 'sql', port: 5432 },
        { name: 'metrics-x', port: 9187, protocol: 'UDP' },
      ]),
    );
    expect(vars).toEqual([
      ['MY_DB_SERVICE_HOST', '10.0.0.9'],
      ['MY_DB_SERVICE_PORT', '5432'],
      ['MY_DB_SERVICE_PORT_SQL', '5432'],
      ['MY_DB_SERVICE_PORT_METRICS_X', '9187'],
      ['MY_DB_PORT', 'tcp://10.0.0.9:5432'],
      ['MY_DB_PORT_5432_TCP', 'tcp://10.0.0.9:5432'],
      ['MY_DB_PORT_5432_TCP_PROTO', 'tcp'],
      ['MY_DB_PORT_5432_TCP_PORT', '5432'],
      ['MY_DB_PORT_5432_TCP_ADDR', '10.0.0.9'],
      ['MY_DB_PORT_9187_UDP', 'udp://10.0.0.9:9187'],
      ['MY_DB_PORT_9187_UDP_PROTO', 'udp'],
      ['MY_DB_PORT_9187_UDP_PORT', '9187'],
      ['MY_DB_PORT_9187_UDP_ADDR', '10.0.0.9'],
    ]);
  });

  it('brackets IPv6 cluster IPs in URLs and skips headless services', () => {
    expect(Object.fromEntries(serviceEnvVars(service('ns', 'v6', 'fd00::1', [{ port: 80 }])))['V6_PORT']).toBe('tcp://[fd00::1]:80');
    expect(serviceEnvVars(service('ns', 'headless', 'None', [{ port: 80 }]))).toEqual([]);
  });
});

describe('serviceEnvironment (getServiceEnvVarMap)', () => {
  const services = [
    service('default', 'kubernetes', '10.0.0.1', [{ name: 'https', port: 443 }]),
    service('default', 'other', '10.0.0.2', [{ port: 80 }]),
    service('shop', 'cart', '10.0.0.3', [{ port: 8080 }]),
    service('shop', 'nocip', '', [{ port: 1 }]),
  ];

  it('gives the pod its namespace services plus kubernetes from default', () => {
    const env = serviceEnvironment(services, 'shop', true);
    expect(env.get('KUBERNETES_SERVICE_HOST')).toBe('10.0.0.1');
    expect(env.get('KUBERNETES_SERVICE_PORT_HTTPS')).toBe('443');
    expect(env.get('CART_SERVICE_PORT')).toBe('8080');
    expect(env.has('OTHER_SERVICE_HOST')).toBe(false);
    expect(env.has('NOCIP_SERVICE_HOST')).toBe(false);
  });

  it('keeps only kubernetes when enableServiceLinks is false', () => {
    const env = serviceEnvironment(services, 'shop', false);
    expect([...env.keys()].every((k) => k.startsWith('KUBERNETES_'))).toBe(true);
    expect(env.size).toBeGreaterThan(0);
  });

  it('lets a namespace service named kubernetes win over the master one', () => {
    const env = serviceEnvironment([...services, service('shop', 'kubernetes', '10.9.9.9', [{ port: 1 }])], 'shop', true);
    expect(env.get('KUBERNETES_SERVICE_HOST')).toBe('10.9.9.9');
  });
});
