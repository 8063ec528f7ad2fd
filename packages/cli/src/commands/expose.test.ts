import { describe, expect, it } from 'vitest';
import { registerExpose } from './expose.js';
import { FakeApi, notFound, runVerb, stored } from '../manifests/fake-api.test-support.js';

const webPod = {
  kind: 'Pod', apiVersion: 'v1',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080, protocol: 'TCP' }] }] },
};

function api(): FakeApi {
  return new FakeApi((r) => {
    if (r.method === 'GET') return r.path === '/api/v1/namespaces/default/pods/web' ? webPod : notFound('pods', r.path.split('/').pop()!);
    return stored(r.body);
  });
}

describe('kctl expose', () => {
  it('GETs the pod, POSTs the generated Service with the kubectl-expose field manager and prints "exposed"', async () => {
    const fake = api();
    const result = await runVerb(registerExpose, ['expose', 'pod', 'web', '--port', '80', '--target-port', '8080', '--type', 'NodePort'], fake);
    expect(result).toEqual({ code: 0, stdout: 'service/web exposed\n', stderr: '' });
    expect(fake.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/api/v1/namespaces/default/pods/web', undefined],
      ['POST', '/api/v1/namespaces/default/services', { fieldManager: 'kubectl-expose' }],
    ]);
    expect(fake.requests[1]!.body).toMatchObject({ spec: { selector: { app: 'web' }, type: 'NodePort', ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } });
  });

  it('prints a client dry run as kubectl does, without writing, with the namespace only under -n', async () => {
    const fake = api();
    const json = await runVerb(registerExpose, ['expose', 'pod/web', '--dry-run=client', '-o', 'json'], fake);
    expect(json.stdout).toBe(
      [
        '{', '    "kind": "Service",', '    "apiVersion": "v1",', '    "metadata": {', '        "name": "web",', '        "creationTimestamp": null,',
        '        "labels": {', '            "app": "web"', '        }', '    },', '    "spec": {', '        "ports": [', '            {',
        '                "protocol": "TCP",', '                "port": 8080,', '                "targetPort": 8080', '            }', '        ],',
        '        "selector": {', '            "app": "web"', '        }', '    },', '    "status": {', '        "loadBalancer": {}', '    }', '}', '',
      ].join('\n'),
    );
    expect(fake.requests.map((r) => r.method)).toEqual(['GET']);
    const named = await runVerb(registerExpose, ['expose', 'pod', 'web', '--dry-run=client'], api());
    expect(named.stdout).toBe('service/web exposed (dry run)\n');
    const yaml = await runVerb(registerExpose, ['expose', 'pod', 'web', '--dry-run=client', '-o', 'yaml'], api(), { name: 'default', explicit: true });
    expect(yaml.stdout).toContain('  name: web\n  namespace: default\nspec:');
  });

  it('sends dryRun=All for a server dry run', async () => {
    const fake = api();
    const result = await runVerb(registerExpose, ['expose', 'pod', 'web', '--dry-run=server', '-o', 'name'], fake);
    expect(result.stdout).toBe('service/web\n');
    expect(fake.requests[1]!.query).toEqual({ dryRun: 'All', fieldManager: 'kubectl-expose' });
  });

  it("reports kubectl's errors", async () => {
    expect((await runVerb(registerExpose, ['expose', 'pod', 'nope'], api())).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await runVerb(registerExpose, ['expose', 'pod'], api())).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect((await runVerb(registerExpose, ['expose'], api())).stderr).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
    const cm = new FakeApi(() => ({ kind: 'ConfigMap', metadata: { name: 'cm' } }));
    expect(await runVerb(registerExpose, ['expose', 'cm', 'cm', '--port', '1'], cm)).toEqual({ code: 1, stdout: '', stderr: 'error: cannot expose a ConfigMap\n' });
  });
});
