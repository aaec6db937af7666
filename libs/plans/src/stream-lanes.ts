/**
 * One command at a time on each stream, in the order they came, within this process.
 *
 * Two commands on one plan decided at once on the same folded state both expect the same
 * revision; the store takes one and refuses the other, which then reads the stream again,
 * decides again and appends again (runDecider's retry). Under load (a dozen secretaries
 * reporting on one plan) that was half of all appends, each a failed round trip and a second
 * one. Queued here instead, the second decides on the state the first left, and its append
 * holds. Another process's commands still race through the store's expected revision.
 */
export class StreamLanes {
  /** Per stream, the end of the last command queued on it. */
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(streamId);
    // After the command before it has settled either way: its failure is its caller's.
    const result = before ? before.then(work) : work();
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(streamId, tail);
    void tail.then(() => {
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    });
    return result;
  }

  /** Streams with a command running or queued. */
  get busy(): number {
    return this.tails.size;
  }
}
