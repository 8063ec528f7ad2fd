import { describe, expect, it } from 'vitest';
import { registerRollout } from './rollout.js';
import { FakeApi, runVerb } from '../manifests/fake-api.test-support.js';

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'web', image }] },
});

const deployment = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'd-1', generation: 2, annotations: { 'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': 'now' } },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template('nginx:2'), ...extra },
  status: { observedGeneration: 2, replicas: 2, updatedReplicas: 1 },
});

const replicaSet = (revision: number, image: string, hash: string, created: string, cause?: string) => ({
  metadata: {
    name: `web-${hash}`,
    creationTimestamp: created,
    annotations: { 'deployment.kubernetes.io/revision': String(revision), ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-1', controller: true }],
  },
  spec: { template: template(image, hash) },
});

const replicaSets = { items: [replicaSet(1, 'nginx:1', 'aaa', '2024-01-01T00:00:00Z', 'first'), replicaSet(2, 'nginx:2', 'bbb', '2024-01-02T00:00:00Z')] };

function clusterApi(d = deployment()) {
  return new FakeApi((r) => {
    if (r.path.endsWith('/replicasets')) return replicaSets;
    if (r.method === 'PATCH') return d;
    if (r.path.endsWith('/deployments')) return { metadata: { resourceVersion: '5' }, items: [d] };
    return d;
  });
}

describe('kctl rollout history', () => {
  it('prints the revisions with their change causes after the name', async () => {
    const result = await runVerb(registerRollout, ['rollout', 'history', 'deploy/web'], clusterApi());
    expect(result.stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         first\n2         <none>\n\n');
  });
  it("lists ReplicaSets by the Deployment's selector", async () => {
    const api = clusterApi();
    await runVerb(registerRollout, ['rollout', 'history', 'deploy/web'], api);
    expect(api.requests[1]).toMatchObject({ path: '/apis/apps/v1/namespaces/default/replicasets', query: { labelSelector: 'app=web' } });
  });
  it('prints one revision as a pod template with raw tabs', async () => {
    const result = await runVerb(registerRollout, ['rollout', 'history', 'deploy/web', '--revision=1'], clusterApi());
    expect(result.stdout.startsWith('deployment.apps/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=aaa\n  Annotations:\tkubernetes.io/change-cause: first\n')).toBe(true);
    expect((await runVerb(registerRollout, ['rollout', 'history', 'deploy/web', '--revision=9'], clusterApi())).stderr).toBe('error: unable to find the specified revision\n');
  });
});

describe('kctl rollout undo', () => {
  it('JSON-patches the template of the previous revision back, without its hash label', async () => {
    const api = clusterApi();
    const result = await runVerb(registerRollout, ['rollout', 'undo', 'deploy/web'], api);
    expect(result).toEqual({ code: 0, stdout: 'deployment.apps/web rolled back\n', stderr: '' });
    const patch = api.requests.find((r) => r.method === 'PATCH');
    expect(patch?.contentType).toBe('application/json-patch+json');
    expect(patch?.body).toEqual([
      { op: 'replace', path: '/spec/template', value: template('nginx:1') },
      { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': 'first' } },
    ]);
  });
  it('skips a revision the Deployment already runs and refuses a paused one', async () => {
    expect((await runVerb(registerRollout, ['rollout', 'undo', 'deploy/web', '--to-revision=2'], clusterApi())).stdout).toBe(
      'deployment.apps/web skipped rollback (current template already matches revision 2)\n',
    );
    expect((await runVerb(registerRollout, ['rollout', 'undo', 'deploy/web'], clusterApi(deployment({ paused: true })))).stderr).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    );
    expect((await runVerb(registerRollout, ['rollout', 'undo', 'deploy/web', '--to-revision=7'], clusterApi())).stderr).toBe('error: unable to find specified revision 7 in history\n');
  });
});

describe('kctl rollout pause / resume / restart', () => {
  it('sends strategic merge patches of spec.paused with the rollout field manager', async () => {
    const api = clusterApi();
    expect((await runVerb(registerRollout, ['rollout', 'pause', 'deploy/web'], api)).stdout).toBe('deployment.apps/web paused\n');
    expect(api.requests.at(-1)).toMatchObject({ method: 'PATCH', body: { spec: { paused: true } }, contentType: 'application/strategic-merge-patch+json', query: { fieldManager: 'kubectl-rollout' } });
    const pausedApi = clusterApi(deployment({ paused: true }));
    expect((await runVerb(registerRollout, ['rollout', 'resume', 'deploy/web'], pausedApi)).stdout).toBe('deployment.apps/web resumed\n');
    expect(pausedApi.requests.at(-1)?.body).toEqual({ spec: { paused: null } });
  });
  it('words refusals as kubectl does', async () => {
    expect((await runVerb(registerRollout, ['rollout', 'resume', 'deploy/web'], clusterApi())).stderr).toBe('error: deployments.apps "web" is not paused\n');
    expect((await runVerb(registerRollout, ['rollout', 'restart', 'deploy/web'], clusterApi(deployment({ paused: true })))).stderr).toBe(
      'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n',
    );
  });
  it('restarts by stamping the pod template with restartedAt', async () => {
    const api = clusterApi();
    expect((await runVerb(registerRollout, ['rollout', 'restart', 'deploy/web'], api)).stdout).toBe('deployment.apps/web restarted\n');
    const body = api.requests.at(-1)?.body as { spec: { template: { metadata: { annotations: Record<string, string> } } } };
    expect(Object.keys(body.spec.template.metadata.annotations)).toEqual(['kubectl.kubernetes.io/restartedAt']);
    expect(body.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
  });
});

describe('kctl rollout status', () => {
  it('prints every event until the rollout is done', async () => {
    const api = clusterApi();
    const done = { ...deployment(), status: { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2 } };
    api.watchEvents = [{ type: 'MODIFIED', object: done as never }];
    const result = await runVerb(registerRollout, ['rollout', 'status', 'deploy/web'], api);
    expect(result.stdout).toBe('Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\ndeployment "web" successfully rolled out\n');
    expect(api.requests.find((r) => r.method === 'WATCH')?.query).toMatchObject({ fieldSelector: 'metadata.name=web', resourceVersion: '5' });
  });
  it('stops after the first status with --watch=false', async () => {
    const api = clusterApi();
    const result = await runVerb(registerRollout, ['rollout', 'status', 'deploy/web', '--watch=false'], api);
    expect(result).toEqual({ code: 0, stdout: 'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n', stderr: '' });
    expect(api.requests.some((r) => r.method === 'WATCH')).toBe(false);
  });
});

describe('kctl rollout for DaemonSets', () => {
  const daemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default', uid: 'ds-1' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent:2') },
  };
  const revision = (n: number, image: string) => ({
    metadata: { name: `agent-${n}`, ownerReferences: [{ uid: 'ds-1', controller: true }] },
    revision: n,
    data: { spec: { template: { $patch: 'replace', ...template(image) } } },
  });
  const api = () =>
    new FakeApi((r) => {
      if (r.path.endsWith('/controllerrevisions')) return { items: [revision(1, 'agent:1'), revision(2, 'agent:2')] };
      return daemonSet;
    });

  it('lists ControllerRevisions as the history', async () => {
    expect((await runVerb(registerRollout, ['rollout', 'history', 'ds/agent'], api())).stdout).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  });
  it('rolls back by sending the revision data as a strategic merge patch', async () => {
    const fake = api();
    expect((await runVerb(registerRollout, ['rollout', 'undo', 'ds/agent'], fake)).stdout).toBe('daemonset.apps/agent rolled back\n');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PATCH', contentType: 'application/strategic-merge-patch+json', body: revision(1, 'agent:1').data });
    const dryRun = await runVerb(registerRollout, ['rollout', 'undo', 'ds/agent', '--dry-run=client'], api());
    expect(dryRun.stdout.startsWith('daemonset.apps/agent will roll back to Pod Template:\n')).toBe(true);
  });
});
