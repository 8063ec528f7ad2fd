import { afterEach, describe, expect, it } from 'vitest';
import type { PodSpec } from '@kctl/shared';
import {
  DEFAULT_NOT_READY_TOLERATION_SECONDS,
  addDefaultNotReadyTolerations,
  configureDefaultTolerationSeconds,
  defaultTolerationSeconds,
} from './default-toleration-seconds.js';

const spec = (tolerations?: PodSpec['tolerations']): PodSpec => ({ containers: [], ...(tolerations ? { tolerations } : {}) });

describe('DefaultTolerationSeconds admission', () => {
  afterEach(() => configureDefaultTolerationSeconds({ notReady: DEFAULT_NOT_READY_TOLERATION_SECONDS, unreachable: DEFAULT_NOT_READY_TOLERATION_SECONDS }));

  it('uses the configured seconds for each taint', () => {
    configureDefaultTolerationSeconds({ notReady: 10, unreachable: 20 });
    const s = spec();
    addDefaultNotReadyTolerations(s);
    expect(s.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 20 },
    ]);
  });

  it('leaves a pod alone that already tolerates a taint (by key, empty key or empty effect)', () => {
    const own = { key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 2 };
    const s = spec([own]);
    addDefaultNotReadyTolerations(s);
    expect(s.tolerations).toEqual([own, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    const all = spec([{ operator: 'Exists' }]);
    addDefaultNotReadyTolerations(all);
    expect(all.tolerations).toHaveLength(1);
    const noSchedule = spec([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }]);
    addDefaultNotReadyTolerations(noSchedule);
    expect(noSchedule.tolerations).toHaveLength(3);
  });

  it('refuses negative or fractional seconds', () => {
    expect(() => configureDefaultTolerationSeconds({ notReady: -1, unreachable: 300 })).toThrow(/non-negative integer/);
    expect(() => configureDefaultTolerationSeconds({ notReady: 300, unreachable: 1.5 })).toThrow(/non-negative integer/);
    expect(defaultTolerationSeconds()).toEqual({ notReady: 300, unreachable: 300 });
  });
});
