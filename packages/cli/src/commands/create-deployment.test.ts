import { describe, expect, it } from 'vitest';
import { containerNameForImage, deploymentFor } from './create-deployment.js';

describe('create deployment generator', () => {
  it('names containers after the image without registry, tag or digest, DNS-safe with a random suffix', () => {
    expect(containerNameForImage('registry.io/team/nginx:1.25')).toBe('nginx');
    expect(containerNameForImage('busybox@sha256:abc')).toBe('busybox');
    expect(containerNameForImage('a.b/c_d.e:1', () => 'xxxxx')).toBe('c-d-e-xxxxx');
  });
  it("builds kubectl's Deployment in Go's field order, the port on the first container only", () => {
    const d = deploymentFor({ name: 'web', images: ['nginx', 'redis'], replicas: 2, port: 80, command: [] });
    expect(JSON.stringify(d)).toBe(
      '{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},' +
        '"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},' +
        '"spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80}],"resources":{}},{"name":"redis","image":"redis","resources":{}}]}},"strategy":{}},"status":{}}',
    );
  });
  it('carries the command and the namespace named with -n', () => {
    const d = deploymentFor({ name: 'job', images: ['busybox'], replicas: 1, port: -1, command: ['sleep', '10'], namespace: 'team' }) as unknown as {
      metadata: { namespace: string };
      spec: { template: { spec: { containers: Array<{ command: string[] }> } } };
    };
    expect(d.metadata.namespace).toBe('team');
    expect(d.spec.template.spec.containers[0]?.command).toEqual(['sleep', '10']);
  });
});
