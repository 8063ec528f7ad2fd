import { describe, expect, it } from 'vitest';
import { deletionSettings, parseGoDuration, registerDelete } from './delete.js';
import type { DeleteFlags } from './delete.js';
import { FakeApi, notFound, runVerb } from '../manifests/fake-api.test-support.js';

const defaults: DeleteFlags = { filename: [], gracePeriod: '-1', cascade: 'background', wait: 'true', timeout: '0s' };
const settings = (flags: Partial<DeleteFlags>) => deletionSettings({ ...defaults, ...flags });

describe('deletionSettings', () => {
  it('sends only the propagation policy by default, and waits', () => {
    expect(settings({})).toMatchObject({ body: { propagationPolicy: 'Background' }, forced: false, wait: true, timeoutMs: 0, dryRun: 'none', warnings: [] });
  });

  it('maps --cascade strategies, bare --cascade and the deprecated booleans', () => {
    expect(settings({ cascade: 'foreground' }).body.propagationPolicy).toBe('Foreground');
    expect(settings({ cascade: 'orphan' }).body.propagationPolicy).toBe('Orphan');
    expect(settings({ cascade: true }).body.propagationPolicy).toBe('Background');
    expect(settings({ cascade: 'false' })).toMatchObject({
      body: { propagationPolicy: 'Orphan' },
      warnings: ['warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.'],
    });
    expect(settings({ cascade: 'true' }).body.propagationPolicy).toBe('Background');
    expect(() => settings({ cascade: 'bad' })).toThrow('invalid cascade value (bad). Must be "background", "foreground", or "orphan"');
  });

  it('turns --force into an immediate deletion with a warning', () => {
    expect(settings({ force: true })).toMatchObject({
      body: { gracePeriodSeconds: 0, propagationPolicy: 'Background' },
      forced: true,
      warnings: [
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
      ],
    });
    expect(() => settings({ force: true, gracePeriod: '5' })).toThrow('--force and --grace-period greater than 0 cannot be specified together');
  });

  it('makes --now and --grace-period=0 (without --force) one second', () => {
    expect(settings({ now: true }).body.gracePeriodSeconds).toBe(1);
    expect(settings({ gracePeriod: '0' })).toMatchObject({ body: { gracePeriodSeconds: 1 }, forced: false });
    expect(settings({ gracePeriod: '30' }).body.gracePeriodSeconds).toBe(30);
    expect(() => settings({ now: true, gracePeriod: '3' })).toThrow('--now and --grace-period cannot be specified together');
    expect(() => settings({ gracePeriod: 'abc' })).toThrow('invalid argument "abc" for "--grace-period" flag');
  });

  it('ignores NotFound by default only when selecting by label, field or --all', () => {
    expect(settings({}).ignoreNotFound).toBe(false);
    expect(settings({ selector: 'app=web' }).ignoreNotFound).toBe(true);
    expect(settings({ all: true }).ignoreNotFound).toBe(true);
    expect(settings({ all: true, ignoreNotFound: false }).ignoreNotFound).toBe(false);
    expect(settings({ ignoreNotFound: true }).ignoreNotFound).toBe(true);
  });

  it('reads --wait=false, --timeout and --dry-run', () => {
    expect(settings({ wait: 'false', timeout: '1m30s', dryRun: 'server' })).toMatchObject({ wait: false, timeoutMs: 90_000, dryRun: 'server' });
    expect(() => settings({ dryRun: 'maybe' })).toThrow('Invalid dry-run value (maybe). Must be "none", "server", or "client".');
  });
});

describe('parseGoDuration', () => {
  it('understands Go duration strings and rejects others', () => {
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('250ms')).toBe(250);
    expect(() => parseGoDuration('10')).toThrow('time: invalid duration "10"');
    expect(() => parseGoDuration('5x')).toThrow('invalid argument "5x" for "--timeout" flag');
  });
});

const POD = '/api/v1/namespaces/default/pods/web';
const livePod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u1' } };

describe('kctl delete', () => {
  it('deletes by name, prints as the DELETE returns, then waits until a GET says it is gone', async () => {
    const api = new FakeApi((r) => (r.method === 'DELETE' ? livePod : notFound('pods', 'web')));
    const result = await runVerb(registerDelete, ['delete', 'pod', 'web'], api);
    expect(result).toEqual({ code: 0, stdout: 'pod "web" deleted\n', stderr: '' });
    expect(api.requests).toEqual([
      { method: 'DELETE', path: POD, body: { propagationPolicy: 'Background' } },
      { method: 'GET', path: POD },
    ]);
  });

  it('watches by name from the list revision until the object is DELETED', async () => {
    const api = new FakeApi((r) => {
      if (r.method === 'DELETE' || r.path === POD) return livePod;
      return { apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '42' }, items: [livePod] };
    });
    api.watchEvents = [{ type: 'MODIFIED', object: livePod }, { type: 'DELETED', object: livePod }];
    const result = await runVerb(registerDelete, ['delete', 'pods/web', '--cascade=foreground'], api);
    expect(result.code).toBe(0);
    expect(api.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['DELETE', POD, undefined],
      ['GET', POD, undefined],
      ['GET', '/api/v1/namespaces/default/pods', { fieldSelector: 'metadata.name=web', resourceVersion: '0' }],
      ['WATCH', '/api/v1/namespaces/default/pods', { allowWatchBookmarks: 'true', fieldSelector: 'metadata.name=web', resourceVersion: '42' }],
    ]);
    expect(api.requests[0]?.body).toEqual({ propagationPolicy: 'Foreground' });
  });

  it('reports NotFound and exits 1, unless --ignore-not-found', async () => {
    const api = new FakeApi(() => notFound('pods', 'web'));
    expect(await runVerb(registerDelete, ['delete', 'pod', 'web'], api)).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "web" not found\n' });
    expect(await runVerb(registerDelete, ['delete', 'pod', 'web', '--ignore-not-found'], api)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('force-deletes with grace 0, a warning and "force deleted", without waiting when --wait=false', async () => {
    const api = new FakeApi(() => livePod);
    const result = await runVerb(registerDelete, ['delete', 'deployment.apps', 'web', '--force', '--wait=false'], api);
    expect(result.stdout).toBe('deployment.apps "web" force deleted\n');
    expect(result.stderr).toMatch(/^Warning: Immediate deletion does not wait/);
    expect(api.requests).toEqual([
      { method: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/web', body: { gracePeriodSeconds: 0, propagationPolicy: 'Background' } },
    ]);
  });

  it('lists by label selector and deletes each item, or says there was nothing', async () => {
    const list = { metadata: { resourceVersion: '1' }, items: [livePod, { metadata: { name: 'db', namespace: 'default' } }] };
    const api = new FakeApi((r) => (r.method === 'GET' && r.query ? list : r.method === 'DELETE' ? livePod : notFound('pods', 'x')));
    const result = await runVerb(registerDelete, ['delete', 'pods', '-l', 'app=web'], api);
    expect(result.stdout).toBe('pod "web" deleted\npod "db" deleted\n');
    expect(api.requests[0]).toEqual({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: { labelSelector: 'app=web', fieldSelector: undefined } });
    const empty = new FakeApi(() => ({ metadata: {}, items: [] }));
    expect((await runVerb(registerDelete, ['delete', 'pods', '--all'], empty)).stdout).toBe('No resources found\n');
  });

  it("explains kubectl's ways of naming what to delete", async () => {
    const api = new FakeApi(() => undefined);
    expect((await runVerb(registerDelete, ['delete'], api)).stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect((await runVerb(registerDelete, ['delete', 'pods'], api)).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect((await runVerb(registerDelete, ['delete', 'pods', 'x', '-f', 'x.yaml'], api)).stderr).toBe(
      'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    );
  });
});
