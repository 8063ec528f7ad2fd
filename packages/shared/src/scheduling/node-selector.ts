// core/v1 NodeSelector matching (component-helpers nodeaffinity): terms are ORed, the expressions
// and fields inside a term ANDed; a term with neither matches nothing.
import type { Node, Pod } from '../api/object-types.js';

type NodeAffinity = NonNullable<NonNullable<NonNullable<Pod['spec']>['affinity']>['nodeAffinity']>;
export type NodeSelectorTerm = NonNullable<NodeAffinity['requiredDuringSchedulingIgnoredDuringExecution']>['nodeSelectorTerms'][number];
type Requirement = NonNullable<NodeSelectorTerm['matchExpressions']>[number];

const INTEGER = /^-?\d+$/;

function requirementMatches(req: Requirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      // Both sides must be integers; anything else never matches.
      const bound = values[0];
      if (value === undefined || values.length !== 1 || bound === undefined || !INTEGER.test(value) || !INTEGER.test(bound)) return false;
      return req.operator === 'Gt' ? BigInt(value) > BigInt(bound) : BigInt(value) < BigInt(bound);
    }
    default:
      return false;
  }
}

function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  if (!expressions.every((req) => requirementMatches(req, labels[req.key]))) return false;
  // metadata.name is the only field a node selector may match on.
  return fields.every((req) => req.key === 'metadata.name' && requirementMatches(req, node.metadata?.name));
}

export function nodeSelectorTermsMatch(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  return terms.some((term) => termMatches(term, node));
}

/** spec.nodeSelector and the required node affinity, both of which must hold. */
export function podSpecMatchesNodeSelectorAndAffinity(spec: Pod['spec'], node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [key, value] of Object.entries(spec?.nodeSelector ?? {})) {
    if (labels[key] !== value) return false;
  }
  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return !required || nodeSelectorTermsMatch(required.nodeSelectorTerms ?? [], node);
}

export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  return podSpecMatchesNodeSelectorAndAffinity(pod.spec, node);
}
