import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../volumes/api-objects.js';
import { FakeConfigSources, b64 } from '../volumes/config-sources.test-support.js';
import { ContainerConfigError } from './container-launch.js';
import { createLaunchEnvironment } from './launch-environment.js';

const context = { podIp: '10.1.0.7', podIps: ['10.1.0.7'], hostIp: '192.168.0.2' };

function setup() {
  const sources = new FakeConfigSources()
    .put('ConfigMap', { metadata: { namespace: 'shop', name: 'settings' }, data: { MODE: 'fast', 'bad key': 'x', REF: '$(MODE)' } })
    .put('Secret', { metadata: { namespace: 'shop', name: 'creds' }, data: { PASSWORD: b64('s3cret'), '1NUM': b64('n') } })
    .put('Service', { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'default', name: 'kubernetes' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'https', port: 443 }] } })
    .put('Service', { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'shop', name: 'cart' }, spec: { clusterIP: '10.0.0.3', ports: [{ port: 8080 }] } });
  const warnings: string[] = [];
  const env = createLaunchEnvironment({
    sources,
    nodeAllocatable: () => ({ cpu: '2', memory: '4Gi' }),
    home: '/root',
    onWarning: (_pod, reason, message) => warnings.push(`${reason}: ${message}`),
  });
  return { env, warnings, sources };
}

function pod(container: Container, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', uid: 'u1', labels: { app: 'web' } }, spec: { nodeName: 'n1', containers: [container], ...spec } };
}

async function environment(container: Omit<Container, 'name'>, spec: Partial<NonNullable<Pod['spec']>> = {}) {
  const { env } = setup();
  const c = { name: 'main', ...container };
  return env.environment(pod(c, spec), c, context);
}

async function configError(container: Omit<Container, 'name'>): Promise<string> {
  const err = await environment(container).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ContainerConfigError);
  return (err as Error).message;
}

describe('createLaunchEnvironment', () => {
  it('resolves fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef', async () => {
    const env = await environment({
      resources: { limits: { memory: '64Mi' } },
      env: [
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'HOST', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'MODE' } } },
        { name: 'PASS', valueFrom: { secretKeyRef: { name: 'creds', key: 'PASSWORD' } } },
      ],
    });
    expect(env).toMatchObject({ POD: 'web', IP: '10.1.0.7', HOST: '192.168.0.2', APP: 'web', CPU: '2', MEM: '64', MODE: 'fast', PASS: 's3cret' });
  });

  it('expands literal values only, against service vars, envFrom and earlier env', async () => {
    const env = await environment({
      envFrom: [{ configMapRef: { name: 'settings' } }],
      env: [
        { name: 'URL', value: 'http://$(CART_SERVICE_HOST):$(CART_SERVICE_PORT)/$(MODE)' },
        { name: 'COPY', valueFrom: { configMapKeyRef: { name: 'settings', key: 'REF' } } },
      ],
    });
    expect(env['URL']).toBe('http://10.0.0.3:8080/fast');
    expect(env['REF']).toBe('$(MODE)');
    expect(env['COPY']).toBe('$(MODE)');
  });

  it('adds envFrom with prefixes, skipping invalid names with a warning', async () => {
    const { env, warnings } = setup();
    const c: Container = { name: 'main', envFrom: [{ configMapRef: { name: 'settings' }, prefix: 'CFG_' }, { secretRef: { name: 'creds' } }] };
    const result = await env.environment(pod(c), c, context);
    expect(result).toMatchObject({ CFG_MODE: 'fast', PASSWORD: 's3cret' });
    expect(result).not.toHaveProperty('CFG_bad key');
    expect(result).not.toHaveProperty('1NUM');
    expect(warnings).toEqual([
      'InvalidEnvironmentVariableNames: Keys [CFG_bad key] from the EnvFrom configMap shop/settings were skipped since they are considered invalid environment variable names.',
      'InvalidEnvironmentVariableNames: Keys [1NUM] from the EnvFrom secret shop/creds were skipped since they are considered invalid environment variable names.',
    ]);
  });

  it("sets service env vars before the spec's env, which wins", async () => {
    const env = await environment({ env: [{ name: 'CART_SERVICE_HOST', value: 'mine' }] });
    expect(env['CART_SERVICE_HOST']).toBe('mine');
    expect(env['KUBERNETES_SERVICE_PORT']).toBe('443');
    expect(env['CART_PORT_8080_TCP_ADDR']).toBe('10.0.0.3');
    const keys = Object.keys(env);
    expect(keys.indexOf('KUBERNETES_SERVICE_HOST')).toBeLessThan(keys.indexOf('CART_SERVICE_HOST') + 1);
  });

  it('honours enableServiceLinks: false (kubernetes only)', async () => {
    const env = await environment({}, { enableServiceLinks: false });
    expect(env).toHaveProperty('KUBERNETES_SERVICE_HOST');
    expect(env).not.toHaveProperty('CART_SERVICE_HOST');
  });

  it("fails with Kubernetes' messages for missing sources and keys", async () => {
    expect(await configError({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] })).toBe('configmap "nope" not found');
    expect(await configError({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'settings', key: 'k' } } }] })).toBe("couldn't find key k in ConfigMap shop/settings");
    expect(await configError({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'nope', key: 'k' } } }] })).toBe('secret "nope" not found');
    expect(await configError({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'creds', key: 'k' } } }] })).toBe("couldn't find key k in Secret shop/creds");
    expect(await configError({ envFrom: [{ configMapRef: { name: 'nope' } }] })).toBe('configmap "nope" not found');
    expect(await configError({ env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.bogus' } } }] })).toBe('unsupported fieldPath: spec.bogus');
  });

  it('leaves optional missing sources and keys unset', async () => {
    const env = await environment({
      envFrom: [{ secretRef: { name: 'nope', optional: true } }],
      env: [
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k', optional: true } } },
        { name: 'B', valueFrom: { secretKeyRef: { name: 'creds', key: 'k', optional: true } } },
        { name: 'C', value: '' },
      ],
    });
    expect(env).not.toHaveProperty('A');
    expect(env).not.toHaveProperty('B');
    expect(env['C']).toBe('');
  });

  it('turns a failing lookup into a config error', async () => {
    const c: Container = { name: 'main', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'a', key: 'k' } } }] };
    const env = createLaunchEnvironment({
      sources: { get: () => Promise.reject(new Error('connect ECONNREFUSED')), list: () => [] },
      nodeAllocatable: () => ({}),
    });
    await expect(env.environment(pod(c), c, context)).rejects.toThrow(ContainerConfigError);
  });
});
