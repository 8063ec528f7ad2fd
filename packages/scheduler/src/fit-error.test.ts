import { describe, expect, it } from 'vitest';
import { fitErrorMessage } from './fit-error.js';
import type { FilterFailure } from './filters/index.js';
import { pod } from './fixtures.test-support.js';

const cpu: FilterFailure = { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] };
const notReady: FilterFailure = { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node.kubernetes.io/not-ready: }'] };

describe('fitErrorMessage', () => {
  it('counts reasons, sorts "N reason" as strings, and adds the preemption verdict', () => {
    expect(fitErrorMessage(pod('p'), [cpu, cpu, notReady], 3)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('counts every reason of a node, and sorts 10 before 3', () => {
    const both: FilterFailure = { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu', 'Insufficient memory'] };
    const failures = [...Array(10).fill(both), notReady, notReady, notReady];
    expect(fitErrorMessage(pod('p'), failures, 13)).toBe(
      '0/13 nodes are available: 10 Insufficient cpu, 10 Insufficient memory, 3 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. ' +
        'preemption: 0/13 nodes are available: 10 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    );
  });

  it('says a pod with preemptionPolicy Never is not eligible', () => {
    expect(fitErrorMessage(pod('p', { preemptionPolicy: 'Never' }), [notReady], 1)).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });
});
