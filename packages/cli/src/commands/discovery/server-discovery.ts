// Reads the server's legacy discovery documents (/api, /apis, /api/v1, /apis/G/V), which every
// server serves, to list group/versions and the preferred version of each resource.
import type { CliContext } from '../../cli-context.js';

export interface DiscoveredResource {
  name: string;
  shortNames?: string[];
  namespaced: boolean;
  kind: string;
  verbs?: string[];
  categories?: string[];
}

export interface DiscoveredGroupVersion {
  group: string;
  groupVersion: string;
  resources: DiscoveredResource[];
}

interface ApiVersions {
  versions: string[];
}
interface ApiGroupList {
  groups: Array<{ name: string; versions: Array<{ groupVersion: string }>; preferredVersion?: { groupVersion: string } }>;
}
interface ApiResourceList {
  groupVersion: string;
  resources: DiscoveredResource[];
}

export type DiscoveryClient = Pick<CliContext['client'], 'get'>;

/** Every group/version the server offers, preferred version first within a group. */
export async function serverGroupVersions(client: DiscoveryClient): Promise<Array<{ group: string; groupVersion: string }>> {
  const [core, groups] = await Promise.all([client.get<ApiVersions>('/api'), client.get<ApiGroupList>('/apis')]);
  const out = core.versions.map((v) => ({ group: '', groupVersion: v }));
  for (const g of groups.groups) {
    const preferred = g.preferredVersion?.groupVersion;
    const ordered = [...g.versions].sort((a, b) => Number(b.groupVersion === preferred) - Number(a.groupVersion === preferred));
    for (const v of ordered) out.push({ group: g.name, groupVersion: v.groupVersion });
  }
  return out;
}

/**
 * kubectl's ServerPreferredResources: each resource once per group, from the most preferred
 * version that has it; subresources ("pods/log") are left out.
 */
export async function serverPreferredResources(client: DiscoveryClient): Promise<DiscoveredGroupVersion[]> {
  const groupVersions = await serverGroupVersions(client);
  const lists = await Promise.all(
    groupVersions.map(({ groupVersion }) => client.get<ApiResourceList>(groupVersion.includes('/') ? `/apis/${groupVersion}` : `/api/${groupVersion}`)),
  );
  const seen = new Set<string>();
  return groupVersions.map(({ group, groupVersion }, index) => {
    const resources = (lists[index]?.resources ?? []).filter((r) => {
      const key = `${group}/${r.name}`;
      if (r.name.includes('/') || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { group, groupVersion, resources };
  });
}
