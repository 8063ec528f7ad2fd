// A DescribeClient that answers from canned responses and records what was asked, so tests
// can check both the text and the follow-up requests kubectl would make.
import { ApiError } from '@kctl/shared';
import type { Query } from '@kctl/shared';
import type { DescribeClient } from './context.js';

export interface RecordedRequest {
  path: string;
  query: Query;
}

/** Responses by path; a function sees the query (e.g. to answer per fieldSelector). */
export type CannedResponses = Record<string, unknown | ((query: Query) => unknown)>;

export class FakeDescribeClient implements DescribeClient {
  readonly requests: RecordedRequest[] = [];

  constructor(private readonly responses: CannedResponses) {}

  get<T>(path: string, query: Query = {}): Promise<T> {
    this.requests.push({ path, query });
    if (!(path in this.responses)) {
      return Promise.reject(new ApiError(404, 'NotFound', 'the server could not find the requested resource'));
    }
    const canned = this.responses[path];
    const body = typeof canned === 'function' ? (canned as (q: Query) => unknown)(query) : canned;
    return body instanceof Error ? Promise.reject(body) : Promise.resolve(body as T);
  }
}

export function list<T>(items: T[]): { apiVersion: string; kind: string; metadata: Record<string, never>; items: T[] } {
  return { apiVersion: 'v1', kind: 'List', metadata: {}, items };
}
