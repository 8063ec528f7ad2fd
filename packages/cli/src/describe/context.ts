// What every describer gets: a client for kubectl's follow-up requests and the settings of
// describerSettings (ShowEvents) plus the clock relative ages are computed against.
import type { ApiClient, KubernetesList, KubernetesObject, Query } from '@kctl/shared';

/** The slice of ApiClient describe needs, so tests can pass a tiny fake. */
export type DescribeClient = Pick<ApiClient, 'get'>;

export interface DescribeContext {
  client: DescribeClient;
  showEvents: boolean;
  now: Date;
}

export type Describer = (obj: KubernetesObject, ctx: DescribeContext) => Promise<string>;

/** kubectl's describerSettings.ChunkSize default: lists are paged 500 at a time. */
export const CHUNK_SIZE = 500;

/** runtimeresource.FollowContinue: pages through a list until the server stops handing back `continue`. */
export async function listAll<T = KubernetesObject>(client: DescribeClient, path: string, query: Query = {}): Promise<T[]> {
  const items: T[] = [];
  let continueToken: string | undefined;
  do {
    const page = await client.get<KubernetesList<T>>(path, { ...query, limit: CHUNK_SIZE, ...(continueToken ? { continue: continueToken } : {}) });
    items.push(...(page.items ?? []));
    continueToken = page.metadata?.continue || undefined;
  } while (continueToken);
  return items;
}

/** A 404 means the server does not serve that optional resource: describe then omits the section. */
export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 404;
}
