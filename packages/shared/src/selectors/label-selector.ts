// The LabelSelector value used by list/watch filtering, controllers, the scheduler and `kctl -l`.
import { parseLabelRequirements } from './label-parser.js';
import {
  newLabelRequirement,
  requirementMatches,
  requirementToString,
  type LabelOperator,
  type LabelRequirement,
  type LabelSet,
} from './label-requirement.js';
import { SelectorParseError } from './selector-errors.js';

/** The `metav1.LabelSelector` shape found in Deployment/ReplicaSet/Job specs. */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** An AND of requirements; an empty selector matches everything. */
export class LabelSelector {
  /** Requirements sorted by key (stably), as apimachinery keeps them. */
  readonly requirements: readonly LabelRequirement[];

  private constructor(
    requirements: readonly LabelRequirement[],
    // labels.Nothing(): what a nil metav1.LabelSelector means; it prints like Everything().
    private readonly selectsNothing: boolean,
  ) {
    this.requirements = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  static fromRequirements(requirements: readonly LabelRequirement[]): LabelSelector {
    return new LabelSelector(requirements, false);
  }

  static everything(): LabelSelector {
    return new LabelSelector([], false);
  }

  static nothing(): LabelSelector {
    return new LabelSelector([], true);
  }

  /** True when the selector does not restrict anything (not true for `nothing()`). */
  get empty(): boolean {
    return !this.selectsNothing && this.requirements.length === 0;
  }

  matches(labels: LabelSet): boolean {
    return !this.selectsNothing && this.requirements.every((requirement) => requirementMatches(requirement, labels));
  }

  /** The value a selector forces for `key` (`key=v`, `key==v`, `key in (v)`), for index lookups. */
  requiresExactMatch(key: string): string | undefined {
    const requirement = this.requirements.find((candidate) => candidate.key === key);
    if (requirement === undefined || requirement.values.length !== 1) return undefined;
    const exact = requirement.operator === '=' || requirement.operator === '==' || requirement.operator === 'in';
    return exact ? requirement.values[0] : undefined;
  }

  /** Canonical form: requirements by key, set values sorted, e.g. `app=web,env in (prod,qa)`. */
  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }
}

/** Parses `-l` / `?labelSelector=` text; throws SelectorParseError with apimachinery's message. */
export function parseLabelSelector(text: string): LabelSelector {
  return LabelSelector.fromRequirements(parseLabelRequirements(text));
}

/** labels.SelectorFromSet: every key must equal its value; an empty or missing set matches everything. */
export function labelSelectorFromSet(set: Readonly<Record<string, string>> | undefined): LabelSelector {
  const requirements = Object.entries(set ?? {}).map(([key, value]): LabelRequirement => ({ key, operator: '=', values: [value] }));
  return LabelSelector.fromRequirements(requirements);
}

const SPEC_OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1.LabelSelectorAsSelector. As in Kubernetes, a missing (nil) spec selects nothing while an
 * empty spec `{}` selects everything; a controller reading a selector-less object must not adopt
 * every pod in the namespace.
 */
export function labelSelectorFromSpec(spec: LabelSelectorSpec | null | undefined): LabelSelector {
  if (spec === undefined || spec === null) return LabelSelector.nothing();
  const requirements = Object.entries(spec.matchLabels ?? {}).map(([key, value]) => newLabelRequirement(key, '=', [value]));
  for (const expression of spec.matchExpressions ?? []) {
    const operator = Object.hasOwn(SPEC_OPERATORS, expression.operator) ? SPEC_OPERATORS[expression.operator] : undefined;
    if (operator === undefined) {
      throw new SelectorParseError(`${JSON.stringify(expression.operator)} is not a valid label selector operator`);
    }
    requirements.push(newLabelRequirement(expression.key, operator, expression.values ?? []));
  }
  return LabelSelector.fromRequirements(requirements);
}
