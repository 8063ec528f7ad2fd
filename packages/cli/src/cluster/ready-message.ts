// What `up` prints once the API answers and every node is Ready; the same whether it ran in
// the foreground or detached.
export interface ReadyFacts {
  name: string;
  server: string;
  kubeconfig: string;
  nodes: readonly string[];
  /** The user kubeconfig the context was merged into, if any. */
  mergedInto?: string;
}

export function readyMessage(facts: ReadyFacts): string {
  const lines = [`Cluster "${facts.name}" is ready: API server at ${facts.server}`, `Kubeconfig: ${facts.kubeconfig}`];
  if (facts.nodes.length > 0) lines.push(`Nodes (Ready): ${facts.nodes.join(', ')}`);
  if (facts.mergedInto) lines.push(`Context "${facts.name}" is set as current-context in ${facts.mergedInto}`);
  return lines.join('\n');
}
