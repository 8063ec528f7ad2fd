// The kubelet's streaming URLs, as the API server addresses them:
//   /containerLogs/{namespace}/{pod}/{container}?follow=…
//   /exec/{namespace}/{pod}/{container}?command=…&stdin=…   /attach/{namespace}/{pod}/{container}?…
//   /portForward/{namespace}/{pod}?port=…   (the pod's network: no container)
export type KubeletEndpoint = 'containerLogs' | 'exec' | 'attach' | 'portForward';

export interface KubeletRequest {
  endpoint: KubeletEndpoint;
  namespace: string;
  pod: string;
  /** '' for portForward */
  container: string;
  params: URLSearchParams;
}

const ENDPOINTS = new Set<string>(['containerLogs', 'exec', 'attach']);

export function parseKubeletRequest(url: string): KubeletRequest | undefined {
  const parsed = new URL(url, 'http://kubelet');
  const segments = parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [endpoint, namespace, pod, container, ...extra] = segments;
  if (endpoint === 'portForward') {
    if (!namespace || !pod || container !== undefined) return undefined;
    return { endpoint, namespace, pod, container: '', params: parsed.searchParams };
  }
  if (!endpoint || !ENDPOINTS.has(endpoint) || !namespace || !pod || !container || extra.length > 0) return undefined;
  return { endpoint: endpoint as KubeletEndpoint, namespace, pod, container, params: parsed.searchParams };
}

export function queryFlag(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  return value === 'true' || value === '1';
}
