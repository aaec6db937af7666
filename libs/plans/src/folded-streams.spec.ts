import { describe, expect, it } from '@jest/globals';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '@app/event-store';
import { FoldedStreams, type Fold } from './folded-streams.js';

/** A stream of `length` numbered events, read as the store would, counting what each read returns. */
function storeWith(length: number) {
  const events: RecordedEvent[] = Array.from({ length }, (_, i) => ({
    id: `e${i}`,
    streamId: 's',
    revision: BigInt(i),
    position: { commit: 1n, prepare: BigInt(i + 1) },
    type: 'Counted',
    data: { n: i },
    metadata: {
      actor: 'user:kari',
      commandId: `c${i}`,
      correlationId: `c${i}`,
      effectiveAt: '',
      recordedAt: '',
    },
  }));
  const reads: number[] = [];
  const store = {
    readStream: async (_id: string, options: ReadStreamOptions = {}) => {
      const from = Number(options.fromRevision ?? 0n);
      const page = events.slice(from, from + (options.maxCount ?? events.length));
      reads.push(page.length);
      return page;
    },
  } as unknown as EventStore;
  return { store, reads, events };
}

/** Sums the numbers, so a missed or repeated event shows in the result. */
const sum: Fold<{ type: 'Counted'; data: { n: number } }, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.n,
  isEvent: (event) => event.type === 'Counted',
};

describe('FoldedStreams', () => {
  it('folds a long stream a page at a time, every event once, and remembers its commands', async () => {
    const { store, reads } = storeWith(1_234);
    const folded = await new FoldedStreams(store, sum).load('s');
    expect(folded.state).toBe((1_233 * 1_234) / 2);
    expect(folded.revision).toBe(1_233n);
    expect(folded.commands.get('c1000')).toBe(1_000);
    expect(Math.max(...reads)).toBeLessThanOrEqual(500);
  });

  it('reads only what is new the next time', async () => {
    const { store, reads, events } = storeWith(10);
    const streams = new FoldedStreams(store, sum);
    await streams.load('s');
    events.push({ ...events[9]!, id: 'e10', revision: 10n, data: { n: 100 } });
    reads.length = 0;
    const again = await streams.load('s');
    expect(again.state).toBe(45 + 100);
    expect(reads).toEqual([1]);
  });

  it('keeps no more events folded than its bound, forgetting the streams used least recently', async () => {
    const { store } = storeWith(100);
    const streams = new FoldedStreams(store, sum, { maxEvents: 250 });
    for (const id of ['a', 'b', 'c']) await streams.load(id);
    // 300 events would be kept: the first stream used goes, the other two stay.
    expect(streams.known('a')).toBeUndefined();
    expect(streams.known('b')?.revision).toBe(99n);
    expect(streams.known('c')?.revision).toBe(99n);
    // A stream larger than the bound is still kept while it is the one in use.
    const large = new FoldedStreams(storeWith(400).store, sum, { maxEvents: 250 });
    await large.load('big');
    expect(large.known('big')?.revision).toBe(399n);
  });

  it('shares one read among the loads that come while another is under way, each seeing what was stored before it came', async () => {
    const { store, events } = storeWith(3);
    const held: Array<() => void> = [];
    let readsStarted = 0;
    const read = store.readStream.bind(store);
    const slow = {
      readStream: (id: string, options?: ReadStreamOptions) => {
        readsStarted++;
        // What the store holds when the read starts, answered when the test lets it.
        const answer = read(id, options);
        return new Promise<RecordedEvent[]>((resolve) => held.push(() => void answer.then(resolve)));
      },
    } as unknown as EventStore;
    const streams = new FoldedStreams(slow, sum);
    const first = streams.load('s');
    await Promise.resolve();
    // Stored after the first read started: the loads that come now must see it.
    events.push({ ...events[2]!, id: 'e3', revision: 3n, data: { n: 100 } });
    const later = [streams.load('s'), streams.load('s'), streams.load('s')];
    expect(readsStarted).toBe(1);
    held.shift()!();
    expect((await first).state).toBe(3);
    for (let i = 0; i < 10 && held.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(readsStarted).toBe(2);
    held.shift()!();
    expect((await Promise.all(later)).map((f) => f.state)).toEqual([103, 103, 103]);
  });
});
