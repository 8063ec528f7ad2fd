import { describe, expect, it } from 'vitest';
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS } from './expectations.js';

describe('ControllerExpectations', () => {
  it('is satisfied for a controller it knows nothing about', () => {
    expect(new ControllerExpectations().satisfied('ns/rs')).toBe(true);
  });

  it('waits until every expected creation is observed', () => {
    const e = new ControllerExpectations();
    e.expectCreations('ns/rs', 2);
    expect(e.satisfied('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfied('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfied('ns/rs')).toBe(true);
    // Extra observations (pods adopted from elsewhere) never go negative.
    e.creationObserved('ns/rs');
    expect(e.pending('ns/rs')).toEqual({ add: 0, deletions: [] });
  });

  it('lowers several creations at once for skipped creates', () => {
    const e = new ControllerExpectations();
    e.expectCreations('k', 5);
    e.creationsObserved('k', 5);
    expect(e.satisfied('k')).toBe(true);
  });

  it('tracks deletions by UID, ignoring unknown or repeated ones', () => {
    const e = new ControllerExpectations();
    e.expectDeletions('k', ['a', 'b']);
    e.deletionObserved('k', 'x');
    e.deletionObserved('k', 'a');
    e.deletionObserved('k', 'a');
    expect(e.satisfied('k')).toBe(false);
    expect(e.pending('k')?.deletions).toEqual(['b']);
    e.deletionObserved('k', 'b');
    expect(e.satisfied('k')).toBe(true);
  });

  it('expires after five minutes so a lost watch event cannot wedge the controller', () => {
    let now = 1_000;
    const e = new ControllerExpectations({ clock: () => now });
    e.expectCreations('k', 3);
    now += EXPECTATIONS_TIMEOUT_MS;
    expect(e.satisfied('k')).toBe(false);
    now += 1;
    expect(e.satisfied('k')).toBe(true);
  });

  it('forgets a deleted controller', () => {
    const e = new ControllerExpectations();
    e.expectCreations('k', 1);
    e.delete('k');
    expect(e.satisfied('k')).toBe(true);
    expect(e.pending('k')).toBeUndefined();
  });
});
