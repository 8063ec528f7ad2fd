// What `up` prints once the API answers; the same whether it ran in the foreground or detached.
export function readyMessage(name: string, server: string, kubeconfig: string, mergedInto?: string): string {
  const lines = [`Cluster "${name}" is ready: API server at ${server}`, `Kubeconfig: ${kubeconfig}`];
  if (mergedInto) lines.push(`Context "${name}" is set as current-context in ${mergedInto}`);
  return lines.join('\n');
}
