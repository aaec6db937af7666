import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

/** What throttler's storage answers for a hit (the package does not export its name). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const SWEEP_EVERY_MS = 60_000;

/**
 * When each hit of the window expires, oldest first. Hits are added in time order with the same
 * ttl, so they expire in the order they came: the expired ones are always at the front.
 */
class Hits {
  private expiries: number[] = [];
  private head = 0;

  get count(): number {
    return this.expiries.length - this.head;
  }

  add(expiresAt: number): void {
    this.expiries.push(expiresAt);
  }

  dropExpired(now: number): void {
    while (this.head < this.expiries.length && this.expiries[this.head]! <= now) this.head++;
    // Give the dropped ones back now and then, not on every hit.
    if (this.head > 1_024 && this.head * 2 > this.expiries.length) {
      this.expiries = this.expiries.slice(this.head);
      this.head = 0;
    }
  }

  clear(): void {
    this.expiries = [];
    this.head = 0;
  }
}

interface Client {
  readonly hits: Map<string, Hits>;
  expiresAt: number;
  isBlocked: boolean;
  blockExpiresAt: number;
}

/**
 * @nestjs/throttler's in-memory counts, kept so that a hit costs the same however many came
 * before it in the window. Throttler's own storage filters every hit of the last minute on every
 * request: with the write limit raised for a busy meeting (or a benchmark), a client's thousands
 * of hits a minute made each request slower than the last. The rules are throttler's own: a hit
 * counts for `ttl`; over `limit`, the client is blocked for `blockDuration`, and after that
 * starts again from one hit.
 */
export class RateLimitCounts implements ThrottlerStorage, OnApplicationShutdown {
  private readonly clients = new Map<string, Client>();
  private sweeping: NodeJS.Timeout | undefined;

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    this.sweeping ??= setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref();
    let client = this.clients.get(key);
    if (!client) {
      client = { hits: new Map(), expiresAt: now + ttl, isBlocked: false, blockExpiresAt: 0 };
      this.clients.set(key, client);
    }
    let hits = client.hits.get(throttlerName);
    if (!hits) {
      hits = new Hits();
      client.hits.set(throttlerName, hits);
    }
    hits.dropExpired(now);
    if (client.expiresAt <= now) client.expiresAt = now + ttl;
    const timeToExpire = seconds(client.expiresAt - now);

    if (blockDuration <= 0) {
      const isBlocked = hits.count >= limit;
      if (!isBlocked) hits.add(now + ttl);
      return Promise.resolve({
        totalHits: hits.count + (isBlocked ? 1 : 0),
        timeToExpire,
        isBlocked,
        timeToBlockExpire: 0,
      });
    }
    if (!client.isBlocked) hits.add(now + ttl);
    if (hits.count > limit && !client.isBlocked) {
      client.isBlocked = true;
      client.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = seconds(client.blockExpiresAt - now);
    if (timeToBlockExpire <= 0 && client.isBlocked) {
      client.isBlocked = false;
      hits.clear();
      hits.add(now + ttl);
    }
    return Promise.resolve({
      totalHits: hits.count,
      timeToExpire,
      isBlocked: client.isBlocked,
      timeToBlockExpire,
    });
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeping);
    this.sweeping = undefined;
    this.clients.clear();
  }

  /** Forgets clients with nothing left to count or block. */
  private sweep(now = Date.now()): void {
    for (const [key, client] of this.clients) {
      if (client.isBlocked && client.blockExpiresAt > now) continue;
      if (client.expiresAt > now) continue;
      let live = false;
      for (const hits of client.hits.values()) {
        hits.dropExpired(now);
        live ||= hits.count > 0;
      }
      if (!live) this.clients.delete(key);
    }
  }
}

const seconds = (ms: number): number => Math.ceil(ms / 1000);
