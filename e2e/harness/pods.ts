// Pods in e2e tests: manifests from e2e/fixtures/pods/ (with the markers dir filled in), and
// reading pods, events and tables back through the API the way the assertions need them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import type { ApiClient } from '@kctl/shared';

const fixturesRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A manifest from e2e/fixtures/DIR/FILE with each __KEY__ replaced by its value. */
export function fixture(path: string, replacements: Record<string, string> = {}): string {
  let text = readFileSync(join(fixturesRoot, path), 'utf8');
  for (const [key, value] of Object.entries(replacements)) text = text.replaceAll(`__${key}__`, value);
  return text;
}

/** A manifest from e2e/fixtures/pods/, with __MARKERS__ replaced by the test's markers dir. */
export function podFixture(file: string, markersDir: string): string {
  return fixture(join('pods', file), { MARKERS: markersDir });
}

export function podPath(name: string, namespace = 'default'): string {
  return `/api/v1/namespaces/${namespace}/pods/${name}`;
}

export async function readPod(client: ApiClient, name: string, namespace = 'default'): Promise<V1Pod> {
  return client.get<V1Pod>(podPath(name, namespace));
}

/** Long enough for back-off and probes at the tests' shortened periods on a loaded machine. */
export const POD_WAIT = { timeout: 45_000, interval: 200 } as const;

/** Polls the pod until `check` passes (it asserts with expect); returns the pod that passed. */
export async function waitForPod(
  client: ApiClient,
  name: string,
  check: (pod: V1Pod) => void,
  options: { namespace?: string; timeout?: number } = {},
): Promise<V1Pod> {
  return vi.waitFor(async () => {
    const pod = await readPod(client, name, options.namespace);
    check(pod);
    return pod;
  }, { ...POD_WAIT, ...(options.timeout ? { timeout: options.timeout } : {}) });
}

export function containerStatus(pod: V1Pod, container: string) {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s) => s.name === container);
}

/** The pod's events, oldest first, as "Reason: message". */
export async function podEvents(client: ApiClient, name: string, namespace = 'default'): Promise<string[]> {
  const list = await client.get<{ items: CoreV1Event[] }>(`/api/v1/namespaces/${namespace}/events`, {
    fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}`,
  });
  return list.items.map((event) => `${event.reason}: ${event.message}`);
}

/** Resolves once the pod object is gone (after graceful deletion). */
export async function waitForPodGone(client: ApiClient, name: string, namespace = 'default'): Promise<void> {
  await vi.waitFor(async () => {
    const response = await client.raw('GET', podPath(name, namespace));
    if (response.status !== 404) throw new Error(`pod ${name} still exists (${response.status})`);
  }, POD_WAIT);
}

/**
 * A `get pods` table with what legitimately differs between two runs blanked out: the AGE
 * column, the "(5s ago)" after a restart count and the padding. What is left (names, READY,
 * STATUS, the RESTARTS count) must be identical between kctl and kubectl.
 */
export function comparablePodTable(table: string): string {
  return table
    .split('\n')
    .map((line) =>
      line
        .replace(/ \(\d+[smhd]\d*[smh]? ago\)/, '')
        .replace(/\S+\s*$/, '')
        // Column widths follow the widest cell, which the blanked parts may have set.
        .replace(/\s+/g, ' ')
        .trimEnd(),
    )
    .join('\n');
}

/** A Namespace manifest for `apply` (kubectl's `create namespace` sends protobuf, which our API does not speak). */
export function namespaceManifest(name: string): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}
