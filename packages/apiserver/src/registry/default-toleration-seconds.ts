// DefaultTolerationSeconds admission: a new pod that does not tolerate the node-condition
// NoExecute taints gets tolerations for them, so it is evicted from a NotReady / unreachable
// node only after these seconds (--default-not-ready-toleration-seconds and
// --default-unreachable-toleration-seconds). The strategies are static tables, so the API
// server's flags set this module's values once at start-up.
import type { PodSpec } from '@kctl/shared';

export const NOT_READY_TAINT_KEY = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT_KEY = 'node.kubernetes.io/unreachable';
/** Kubernetes' default for both: five minutes. */
export const DEFAULT_NOT_READY_TOLERATION_SECONDS = 300;

export interface DefaultTolerationSeconds {
  notReady: number;
  unreachable: number;
}

let configured: DefaultTolerationSeconds = {
  notReady: DEFAULT_NOT_READY_TOLERATION_SECONDS,
  unreachable: DEFAULT_NOT_READY_TOLERATION_SECONDS,
};

export function configureDefaultTolerationSeconds(seconds: DefaultTolerationSeconds): void {
  for (const [name, value] of Object.entries(seconds)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`default ${name} toleration seconds must be a non-negative integer, got ${value}`);
  }
  configured = { ...seconds };
}

export function defaultTolerationSeconds(): DefaultTolerationSeconds {
  return { ...configured };
}

export function addDefaultNotReadyTolerations(spec: PodSpec): void {
  const tolerations = (spec.tolerations ??= []);
  const wanted: Array<[string, number]> = [[NOT_READY_TAINT_KEY, configured.notReady], [UNREACHABLE_TAINT_KEY, configured.unreachable]];
  for (const [key, tolerationSeconds] of wanted) {
    // An empty key tolerates every taint key, and an empty effect every effect, as in the plugin.
    const tolerated = tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
    if (!tolerated) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds });
  }
}
