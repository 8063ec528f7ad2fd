import { describe, expect, it } from 'vitest';
import { registerSet } from './set.js';
import { FakeApi, runVerb } from '../manifests/fake-api.test-support.js';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1' }, { name: 'side', image: 'busybox' }] } } },
};

const cronJob = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'tick', namespace: 'default' },
  spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'a' }] } } } } },
};

describe('kctl set image', () => {
  it("sends kubectl's strategic merge patch (changed containers, element order) and prints image updated", async () => {
    const api = new FakeApi(() => deployment);
    const result = await runVerb(registerSet, ['set', 'image', 'deployment/web', 'app=nginx:2'], api);
    expect(result).toEqual({ code: 0, stdout: 'deployment.apps/web image updated\n', stderr: '' });
    expect(api.requests[1]).toEqual({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/default/deployments/web',
      contentType: 'application/strategic-merge-patch+json',
      query: { fieldManager: 'kubectl-set' },
      body: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }, { name: 'side' }], containers: [{ image: 'nginx:2', name: 'app' }] } } } },
    });
  });
  it('prints nothing and sends nothing when the images already match', async () => {
    const api = new FakeApi(() => deployment);
    expect(await runVerb(registerSet, ['set', 'image', 'deployment/web', 'app=nginx:1'], api)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(api.requests.map((r) => r.method)).toEqual(['GET']);
  });
  it("reaches a CronJob's job template and reports unknown containers", async () => {
    const api = new FakeApi((r) => (r.method === 'PATCH' ? cronJob : cronJob));
    const result = await runVerb(registerSet, ['set', 'image', 'cronjob/tick', 'c=b', 'x=y'], api);
    expect(result).toEqual({ code: 1, stdout: 'cronjob.batch/tick image updated\n', stderr: 'error: unable to find container named "x"\n' });
    expect(api.requests[1]?.body).toEqual({ spec: { jobTemplate: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'c' }], containers: [{ image: 'b', name: 'c' }] } } } } } });
  });
});
