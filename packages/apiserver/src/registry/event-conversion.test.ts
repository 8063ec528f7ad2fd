import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kctl/shared';
import { eventToEventsV1, eventsV1ToCore } from './event-conversion.js';
import { strategyFor } from './strategy-table.js';
import { describeErrors, runCreate } from './strategy-pipeline.js';

const coreEvent: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web.17a', namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u-1', apiVersion: 'v1' },
  reason: 'Pulling',
  message: 'Pulling image "nginx"',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2025-01-01T00:00:00Z',
  lastTimestamp: '2025-01-01T00:00:05Z',
  count: 2,
  type: 'Normal',
  reportingComponent: 'kubelet',
  reportingInstance: 'node-1',
};

describe('Event conversion', () => {
  it('renames core/v1 fields to their events.k8s.io/v1 names', () => {
    expect(eventToEventsV1(coreEvent)).toEqual({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'web.17a', namespace: 'default' },
      regarding: coreEvent.involvedObject,
      reason: 'Pulling',
      note: 'Pulling image "nginx"',
      deprecatedSource: { component: 'kubelet', host: 'node-1' },
      deprecatedFirstTimestamp: '2025-01-01T00:00:00Z',
      deprecatedLastTimestamp: '2025-01-01T00:00:05Z',
      deprecatedCount: 2,
      type: 'Normal',
      reportingController: 'kubelet',
      reportingInstance: 'node-1',
      eventTime: null,
    });
  });

  it('round-trips core → events.k8s.io/v1 → core without loss', () => {
    expect(eventsV1ToCore(eventToEventsV1(coreEvent))).toEqual(coreEvent);
  });

  it('round-trips a new-style event with series, action and related', () => {
    const v1Event: KubernetesObject = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'x', namespace: 'default' },
      eventTime: '2025-01-01T00:00:00.000000Z',
      series: { count: 3, lastObservedTime: '2025-01-01T00:01:00.000000Z' },
      reportingController: 'kctl.dev/scheduler',
      reportingInstance: 'scheduler-1',
      action: 'Binding',
      reason: 'Scheduled',
      regarding: { kind: 'Pod', name: 'web', namespace: 'default' },
      related: { kind: 'Node', name: 'node-1' },
      note: 'assigned',
      type: 'Normal',
    };
    const core = eventsV1ToCore(v1Event);
    expect(core).toMatchObject({ apiVersion: 'v1', involvedObject: v1Event.regarding, message: 'assigned', reportingComponent: 'kctl.dev/scheduler' });
    expect(eventToEventsV1(core)).toEqual(v1Event);
  });
});

describe('Event validation', () => {
  const events = strategyFor('', 'events');

  it('requires a legacy event to live in its object’s namespace', () => {
    const elsewhere = { ...coreEvent, metadata: { name: 'web.17a', namespace: 'kube-system' } };
    expect(describeErrors(runCreate(events, elsewhere).errors)).toEqual([
      'involvedObject.namespace: Invalid value: "default": does not match event.namespace',
    ]);
    expect(runCreate(events, coreEvent).errors).toEqual([]);
  });

  it('requires reporting fields on new-style events', () => {
    const newStyle = { ...coreEvent, eventTime: '2025-01-01T00:00:00.000000Z', reportingComponent: '', action: undefined };
    expect(describeErrors(runCreate(events, newStyle).errors)).toContain('reportingComponent: Required value');
    expect(describeErrors(runCreate(events, newStyle).errors)).toContain('action: Required value');
  });

  it('serves events.k8s.io with the same (core-form) rules', () => {
    expect(strategyFor('events.k8s.io', 'events').validate?.(eventsV1ToCore(eventToEventsV1(coreEvent)))).toEqual([]);
  });
});
