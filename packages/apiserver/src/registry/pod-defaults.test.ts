import { describe, expect, it } from 'vitest';
import { strategyFor } from './strategy-table.js';
import { runCreate } from './strategy-pipeline.js';

const pods = strategyFor('', 'pods');
const minimalPod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'u-1' },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
});

describe('Pod defaulting on create', () => {
  it('turns a minimal pod into the fully defaulted pod Kubernetes stores', () => {
    const { object, errors } = runCreate(pods, minimalPod());
    expect(errors).toEqual([]);
    expect(object).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default', uid: 'u-1' },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx',
            imagePullPolicy: 'Always',
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
        ],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: true,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        serviceAccount: 'default',
        serviceAccountName: 'default',
        terminationGracePeriodSeconds: 30,
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v2', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
  ])('pulls %s with policy %s', (image, policy) => {
    const pod = minimalPod();
    pod.spec.containers[0]!.image = image;
    expect(runCreate(pods, pod).object.spec).toMatchObject({ containers: [{ imagePullPolicy: policy }] });
  });

  it('defaults ports, probes, volumes and env field references', () => {
    const pod = {
      ...minimalPod(),
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app:1',
            ports: [{ containerPort: 8080 }],
            livenessProbe: { httpGet: { port: 8080 } },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }, { name: 'scratch', mountPath: '/tmp' }],
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'app-config' } }, { name: 'scratch' }],
      },
    };
    const { object, errors } = runCreate(pods, pod);
    expect(errors).toEqual([]);
    expect(object.spec).toMatchObject({
      containers: [
        {
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          livenessProbe: { httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
          env: [{ valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
        },
      ],
      volumes: [{ name: 'cfg', configMap: { name: 'app-config', defaultMode: 420 } }, { name: 'scratch', emptyDir: {} }],
    });
  });

  it('keeps a service account the pod names, mirrored into the deprecated field', () => {
    const pod = minimalPod() as ReturnType<typeof minimalPod> & { spec: { serviceAccountName?: string } };
    pod.spec.serviceAccountName = 'builder';
    expect(runCreate(pods, pod).object.spec).toMatchObject({ serviceAccountName: 'builder', serviceAccount: 'builder' });
  });

  it('accepts a pod created already bound to a node', () => {
    const pod = { ...minimalPod(), spec: { ...minimalPod().spec, nodeName: 'node-1' } };
    const { object, errors } = runCreate(pods, pod);
    expect(errors).toEqual([]);
    expect(object.spec).toMatchObject({ nodeName: 'node-1' });
  });

  it('ignores a status sent by the client', () => {
    const pod = { ...minimalPod(), status: { phase: 'Running', podIP: '10.0.0.9' } };
    expect(runCreate(pods, pod).object.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });
});
