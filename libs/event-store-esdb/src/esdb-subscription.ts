import {
  Pause,
  PositionWaiters,
  comparePositions,
  type Position,
  type RecordedEvent,
  type Subscription,
  type SubscribeOptions,
  type SubscriptionHandler,
} from '@app/event-store';
import { excludeSystemEvents, type EventStoreDBClient } from '@eventstore/db-client';
import {
  foreignEventReason,
  isSystemEvent,
  positionOf,
  toPosition,
  toReadPosition,
  toRecordedEvent,
  translateError,
  type EsdbPosition,
  type EsdbRecordedEvent,
} from './esdb-mapping.js';

/** The part of the client a catch-up subscription uses. */
export type SubscribingClient = Pick<EventStoreDBClient, 'subscribeToAll'>;

/** What the client's subscription is to us: a readable stream of resolved events that can be cancelled. */
interface ClientSubscription extends AsyncIterable<Item> {
  readonly readableLength: number;
  push(item: Item): boolean;
  unsubscribe(): Promise<void>;
  destroy(error?: Error): unknown;
}

/** A resolved event, or how far the server has searched past filtered events. */
type Item = { readonly event?: EsdbRecordedEvent | undefined } | { readonly checkpoint: Position };

/**
 * A catch-up subscription to `$all`, filtered on the server so the server's own events never
 * travel (EVENT-STORE.md, 9). The server also reports how far it has searched past filtered
 * events (`checkpointReached`), and that becomes the handler's `upTo`, so a projection's
 * checkpoint passes them and they are not read again after a restart. Batches are handed over
 * in order, one at a time; while the handler works, the client's stream buffers and then stops
 * reading (backpressure). When the subscription drops (the node restarts, the connection breaks)
 * or the handler fails, it subscribes again from the last position handed over.
 */
export class EsdbCatchUpSubscription implements Subscription {
  private position: Position;
  private running = true;
  private current: ClientSubscription | undefined;
  private readonly waiters = new PositionWaiters();
  private readonly pause = new Pause();
  private readonly loop: Promise<void>;

  constructor(
    private readonly client: SubscribingClient,
    private readonly handler: SubscriptionHandler,
    private readonly options: SubscribeOptions,
    private readonly warn: (message: string) => void,
  ) {
    this.position = options.after;
    this.loop = this.run();
  }

  get checkpoint(): Position {
    return this.position;
  }

  caughtUpTo(target: Position, timeoutMs = 10_000): Promise<void> {
    return this.waiters.wait(this.position, target, timeoutMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.pause.end();
    const current = this.current;
    if (current) {
      await current.unsubscribe().catch(() => undefined);
      current.destroy();
    }
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.follow();
      } catch (error) {
        if (!this.running) break;
        this.options.onError?.(translateError(error));
        await this.sleep(Math.max(this.options.pollIntervalMs ?? 250, 1000));
      }
    }
  }

  /** One subscription from the current position, until it ends, fails or is stopped. */
  private async follow(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const subscription = this.client.subscribeToAll({
      fromPosition: toReadPosition(this.position),
      filter: excludeSystemEvents({
        checkpointInterval: 1,
        // Called by the client in the stream's order, before it reads on: the marker goes into
        // the same buffer after every event the checkpoint covers.
        checkpointReached: (sub: unknown, position: EsdbPosition) => {
          (sub as ClientSubscription).push({ checkpoint: toPosition(position) });
        },
      }),
    }) as unknown as ClientSubscription;
    this.current = subscription;
    let batch: RecordedEvent[] = [];
    let upTo: Position | undefined;
    try {
      for await (const item of subscription) {
        if (!this.running) return;
        const position = 'checkpoint' in item ? item.checkpoint : item.event && positionOf(item.event);
        // The server starts after the position; anything at or before it was handed over already.
        if (!position || comparePositions(position, upTo ?? this.position) <= 0) continue;
        upTo = position;
        if ('event' in item && item.event) {
          const foreign = isSystemEvent(item.event) ? 'system' : foreignEventReason(item.event);
          if (foreign === undefined) batch.push(toRecordedEvent(item.event));
          else if (foreign !== 'system') this.warn(`${foreign}; passed over`);
        }
        if (batch.length >= batchSize || subscription.readableLength === 0) {
          await this.hand(batch, upTo);
          batch = [];
        }
      }
    } finally {
      this.current = undefined;
      if (this.running) {
        await subscription.unsubscribe().catch(() => undefined);
        subscription.destroy();
      }
    }
  }

  private async hand(events: readonly RecordedEvent[], upTo: Position): Promise<void> {
    await this.handler(events, upTo);
    this.position = upTo;
    this.waiters.reached(upTo);
  }

  private sleep(ms: number): Promise<void> {
    return this.running ? this.pause.sleep(ms) : Promise.resolve();
  }
}
