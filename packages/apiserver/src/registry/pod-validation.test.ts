import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kctl/shared';
import { strategyFor } from './strategy-table.js';
import { describeErrors, runCreate } from './strategy-pipeline.js';

const createPod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web', namespace: 'default' }): string[] =>
  describeErrors(runCreate(strategyFor('', 'pods'), { metadata, spec } as KubernetesObject).errors);

describe('Pod validation messages', () => {
  it('requires at least one container', () => {
    expect(createPod({ containers: [] })).toEqual(['spec.containers: Required value']);
  });

  it('requires names and images, and unique DNS-label container names', () => {
    expect(createPod({ containers: [{ name: 'a' }] })).toEqual(['spec.containers[0].image: Required value']);
    expect(createPod({ containers: [{ image: 'x' }] })).toEqual(['spec.containers[0].name: Required value']);
    expect(createPod({ containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] })).toEqual([
      'spec.containers[1].name: Duplicate value: "a"',
    ]);
    expect(createPod({ containers: [{ name: 'Web', image: 'x' }] })[0]).toMatch(
      /^spec\.containers\[0\]\.name: Invalid value: "Web": a lowercase RFC 1123 label must consist of/,
    );
  });

  it('checks container ports', () => {
    const errors = createPod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 70000 }, { containerPort: 80, protocol: 'HTTP' }] }] });
    expect(errors).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('lists the supported restart and DNS policies', () => {
    expect(createPod({ containers: [{ name: 'a', image: 'x' }], restartPolicy: 'Sometimes', dnsPolicy: 'Google' })).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
  });

  it('checks volumes: unique names, one source, mounts that exist', () => {
    const errors = createPod({
      containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'missing', mountPath: '/m' }] }],
      volumes: [
        { name: 'v', emptyDir: {} },
        { name: 'v', emptyDir: {} },
        { name: 'w', emptyDir: {}, hostPath: { path: '/tmp' } },
      ],
    });
    expect(errors).toEqual([
      'spec.volumes[1].name: Duplicate value: "v"',
      'spec.volumes[2].hostPath: Forbidden: may not specify more than 1 volume type',
      'spec.containers[0].volumeMounts[0].name: Not found: "missing"',
    ]);
  });

  it('checks env variables', () => {
    const errors = createPod({
      containers: [{ name: 'a', image: 'x', env: [{ name: '' }, { name: 'A=B' }, { name: 'C', value: 'v', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }],
    });
    expect(errors).toEqual([
      'spec.containers[0].env[0].name: Required value',
      'spec.containers[0].env[0].name: Invalid value: "": environment variable name must be non-empty',
      'spec.containers[0].env[1].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
      'spec.containers[0].env[2].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    ]);
  });

  it('checks probes and requests above limits', () => {
    const errors = createPod({
      containers: [
        {
          name: 'a',
          image: 'x',
          livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 },
          readinessProbe: {},
          resources: { requests: { cpu: '2' }, limits: { cpu: '1' } },
        },
      ],
    });
    expect(errors).toEqual([
      'spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      'spec.containers[0].readinessProbe: Required value: must specify a handler type',
    ]);
  });

  it('validates metadata with Kubernetes messages', () => {
    expect(createPod({ containers: [{ name: 'a', image: 'x' }] }, { namespace: 'default' })).toEqual([
      'metadata.name: Required value: name or generateName is required',
    ]);
    expect(createPod({ containers: [{ name: 'a', image: 'x' }] }, { name: 'Bad_Name', namespace: 'default' })).toEqual([
      "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });
});
