import { describe, expect, it } from '@jest/globals';
import type { PlanTimeline } from '../plan-view/plan-timeline.js';
import { jsonDigest } from '../json-digest.js';
import { KeptTimelines } from './kept-timelines.js';

const timeline = (streamRevision: number) => ({ streamRevision }) as unknown as PlanTimeline;

describe('KeptTimelines: the timelines plan-now wrote last', () => {
  it('gives a kept timeline only for the digest of the JSON it was kept with', () => {
    const kept = new KeptTimelines(1_000);
    const json = '{"streamRevision":7}';
    kept.set('p1', jsonDigest(json), timeline(7), json.length);
    expect(kept.get('p1', jsonDigest(json))?.streamRevision).toBe(7);
    // The row holds other JSON (a batch rolled back, another process or database wrote it).
    expect(kept.get('p1', jsonDigest('{"streamRevision":8}'))).toBeUndefined();
    // A row written before digests were kept.
    expect(kept.get('p1', null)).toBeUndefined();
  });

  it('forgets the least recently written first, to stay within its bound', () => {
    const kept = new KeptTimelines(100);
    kept.set('p1', 'd1', timeline(1), 40);
    kept.set('p2', 'd2', timeline(2), 40);
    kept.set('p1', 'd1b', timeline(3), 40);
    kept.set('p3', 'd3', timeline(4), 40);
    expect(kept.get('p2', 'd2')).toBeUndefined();
    expect(kept.get('p1', 'd1b')?.streamRevision).toBe(3);
    expect(kept.get('p3', 'd3')?.streamRevision).toBe(4);
    // Larger than the bound on its own: not kept at all.
    kept.set('p4', 'd4', timeline(5), 101);
    expect(kept.get('p4', 'd4')).toBeUndefined();
  });
});
