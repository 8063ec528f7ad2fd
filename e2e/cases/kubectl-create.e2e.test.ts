// The real kubectl's typed `create` generators send protobuf bodies; each created object must
// read back with the same spec/data that `kubectl create ... --dry-run=client -o json` prints
// (the server may only add its own fields: uid, timestamps, defaults, clusterIP...).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { defaultCatalog } from '@kctl/shared';
import { startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { hasKubectl, kubectl } from '../harness/run-cli.js';

let cluster: TestCluster;
const ns = `create-${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  if (hasKubectl) cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

/** kubectl prints `creationTimestamp: null` for objects the server has not seen yet. */
function withoutNullTimestamps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullTimestamps);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => !(k === 'creationTimestamp' && v === null)).map(([k, v]) => [k, withoutNullTimestamps(v)]));
}

/** Flags go before `--`: after it they would be the container's command. */
function withFlags(args: string[], flags: string[]): string[] {
  const dashes = args.indexOf('--');
  return dashes < 0 ? [...args, ...flags] : [...args.slice(0, dashes), ...flags, ...args.slice(dashes)];
}

async function run(args: string[]) {
  const r = await kubectl(cluster.kubeconfig, args);
  expect(r.stderr, `kubectl ${args.join(' ')}`).toBe('');
  expect(r.exitCode).toBe(0);
  return r.stdout;
}

/** Creates through kubectl and compares the stored object with the client-side dry run. */
async function createAndCompare(resource: string, name: string, args: string[], namespaced = true) {
  const scope = namespaced ? ['-n', ns] : [];
  const expected = withoutNullTimestamps(JSON.parse(await run(withFlags(args, [...scope, '--dry-run=client', '-o', 'json']))));
  const created = await run(withFlags(args, scope));
  expect(created).toMatch(new RegExp(`/${name} created$`));
  const stored = JSON.parse(await run(['get', resource, name, ...scope, '-o', 'json']));
  expect(stored).toMatchObject(expected as object);
  expect(stored.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
  return stored;
}

const serves = (apiVersion: string, kind: string) => defaultCatalog.byKind(apiVersion, kind) !== undefined;

describe.skipIf(!hasKubectl)('kubectl create (protobuf request bodies)', () => {
  it('create namespace', async () => {
    await createAndCompare('namespace', ns, ['create', 'namespace', ns], false);
  });

  it('create configmap --from-literal', async () => {
    const cm = await createAndCompare('configmap', 'settings', ['create', 'configmap', 'settings', '--from-literal=mode=fast', '--from-literal=empty=']);
    expect(cm.data).toEqual({ mode: 'fast', empty: '' });
  });

  it('create secret generic --from-literal', async () => {
    const secret = await createAndCompare('secret', 'creds', ['create', 'secret', 'generic', 'creds', '--from-literal=user=admin', '--from-literal=pass=s3cr3t']);
    expect(Buffer.from(secret.data.pass, 'base64').toString()).toBe('s3cr3t');
    expect(secret.type).toBe('Opaque');
  });

  it('create deployment --image --replicas', async () => {
    const deploy = await createAndCompare('deployment', 'web', ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3', '--port=8080']);
    expect(deploy.spec.replicas).toBe(3);
    const idle = await createAndCompare('deployment', 'idle', ['create', 'deployment', 'idle', '--image=busybox', '--replicas=0']);
    expect(idle.spec.replicas).toBe(0);
  });

  it('create job --image -- cmd', async () => {
    const job = await createAndCompare('job', 'once', ['create', 'job', 'once', '--image=busybox', '--', 'sh', '-c', 'echo hi']);
    expect(job.spec.template.spec.containers[0].command).toEqual(['sh', '-c', 'echo hi']);
  });

  it('create cronjob --schedule, then create job --from=cronjob/x', async () => {
    const cj = await createAndCompare('cronjob', 'nightly', ['create', 'cronjob', 'nightly', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date']);
    expect(cj.spec.schedule).toBe('*/5 * * * *');
    const job = await createAndCompare('job', 'manual', ['create', 'job', 'manual', '--from=cronjob/nightly']);
    expect(job.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'CronJob', name: 'nightly', uid: cj.metadata.uid, controller: true })]);
    expect(job.spec.template.spec.containers[0].command).toEqual(['date']);
  });

  it('create service clusterip --tcp', async () => {
    const svc = await createAndCompare('service', 'web', ['create', 'service', 'clusterip', 'web', '--tcp=80:8080', '--tcp=443']);
    expect(svc.spec.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('create serviceaccount', async () => {
    await createAndCompare('serviceaccount', 'robot', ['create', 'serviceaccount', 'robot']);
  });

  it.skipIf(!serves('v1', 'ResourceQuota'))('create quota', async () => {
    await createAndCompare('resourcequota', 'limits', ['create', 'quota', 'limits', '--hard=cpu=2,memory=1Gi,pods=10']);
  });

  it.skipIf(!serves('scheduling.k8s.io/v1', 'PriorityClass'))('create priorityclass', async () => {
    await createAndCompare('priorityclass', 'high', ['create', 'priorityclass', 'high', '--value=1000', '--description=important'], false);
  });
});
