import { describe, expect, it } from 'vitest';
import { registerCreateWithSubcommands } from './create-subcommands.js';
import { FakeApi, runVerb, stored } from '../manifests/fake-api.test-support.js';

describe('kctl create subcommands', () => {
  it("read create's own flags (-o, --dry-run) wherever they are written", async () => {
    const api = new FakeApi((r) => stored(r.body));
    const result = await runVerb(registerCreateWithSubcommands, ['create', 'deployment', 'web', '--image=nginx', '--dry-run=client', '-o', 'name'], api);
    expect(result).toEqual({ code: 0, stdout: 'deployment.apps/web\n', stderr: '' });
    expect(api.requests).toEqual([]);
  });

  it('POST the generated object with the create field manager', async () => {
    const api = new FakeApi((r) => stored(r.body));
    const result = await runVerb(registerCreateWithSubcommands, ['create', 'deployment', 'web', '--image=nginx', '--replicas=2'], api);
    expect(result).toEqual({ code: 0, stdout: 'deployment.apps/web created\n', stderr: '' });
    expect(api.requests[0]).toMatchObject({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', query: { fieldManager: 'kubectl-create', fieldValidation: 'Strict' } });
    expect((api.requests[0]?.body as { spec: { replicas: number } }).spec.replicas).toBe(2);
  });

  it('leave `create -f` to create.ts', async () => {
    const result = await runVerb(registerCreateWithSubcommands, ['create'], new FakeApi(() => ({})));
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'error: must specify one of -f and -k\n' });
  });
});
