import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { OffThreadBusy, OffThreadLimitExceeded, OffThreadTaskError } from './off-thread-errors.js';
import type { OffThreadTask } from './off-thread-task.js';
import type { TaskMessage, TaskReply } from './worker-entry.js';

export interface OffThreadOptions {
  /** Worker threads at most (default: one less than the cores, at least 2 and at most 4). */
  readonly maxThreads?: number;
  /** Tasks waiting for a thread at most (beyond those running); one more is refused with OffThreadBusy. */
  readonly maxQueue?: number;
  /** A task not done this long after it was asked for is stopped (its thread ended) with OffThreadLimitExceeded. */
  readonly taskTimeoutMs?: number;
  /** The old-generation heap of each worker thread, in MiB (more ends the task, not the process). */
  readonly maxHeapMb?: number;
  /** How long a thread with nothing to do is kept before it exits. */
  readonly idleTimeoutMs?: number;
}

export const OFF_THREAD_DEFAULTS = {
  maxThreads: Math.min(4, Math.max(2, availableParallelism() - 1)),
  maxQueue: 8,
  taskTimeoutMs: 60_000,
  maxHeapMb: 256,
  idleTimeoutMs: 30_000,
} as const;

/**
 * The worker threads that run the CPU-heavy part of a request (reading a large document,
 * deciding thousands of commands) off the main thread, so the event loop keeps answering
 * everyone else (docs/adr/0016). A small pool (piscina): threads start on the first task and
 * stop when idle; a full queue, a task over its time or its heap, are errors of their own.
 *
 * When the code runs as TypeScript (jest), the threads need to be told how to load it:
 * `PLANVERK_WORKER_IMPORT` names a module each thread imports first (test/support/jest sets it).
 */
export class OffThread {
  private pool: Piscina<TaskMessage, TaskReply> | undefined;
  private readonly settings: Required<OffThreadOptions>;
  /** Tasks asked for and not yet answered: running or waiting for a thread. */
  private inFlight = 0;

  constructor(options: OffThreadOptions = {}) {
    this.settings = { ...OFF_THREAD_DEFAULTS, ...options };
  }

  async run<Input, Output>(task: OffThreadTask<Input, Output>, input: Input): Promise<Output> {
    const pool = this.started();
    // Counted here rather than by piscina's maxQueue, which leaves out tasks with a signal.
    if (this.inFlight >= this.settings.maxThreads + this.settings.maxQueue) throw new OffThreadBusy();
    this.inFlight++;
    let reply: TaskReply;
    try {
      reply = await pool.run(
        { moduleUrl: task.moduleUrl, exportName: task.exportName, input },
        { signal: AbortSignal.timeout(this.settings.taskTimeoutMs) },
      );
    } catch (error) {
      throw translatePoolError(error);
    } finally {
      this.inFlight--;
    }
    if (reply.ok) return reply.value as Output;
    throw task.revive?.(reply.error) ?? new OffThreadTaskError(reply.error);
  }

  /** Ends the threads (tasks still running are refused). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private started(): Piscina<TaskMessage, TaskReply> {
    if (this.pool) return this.pool;
    const here = import.meta.url;
    const typescript = here.endsWith('.ts');
    const hooks = process.env.PLANVERK_WORKER_IMPORT;
    if (typescript && !hooks) {
      throw new Error(
        'Running from TypeScript sources: set PLANVERK_WORKER_IMPORT to a module that loads them',
      );
    }
    const pool = new Piscina<TaskMessage, TaskReply>({
      filename: fileURLToPath(new URL(typescript ? './worker-entry.ts' : './worker-entry.js', here)),
      minThreads: 0,
      maxThreads: this.settings.maxThreads,
      idleTimeout: this.settings.idleTimeoutMs,
      resourceLimits: { maxOldGenerationSizeMb: this.settings.maxHeapMb },
      // Lower priority (@napi-rs/nice; on Linux a thread's own): when the cores are busy, the main
      // thread, which answers requests, runs first.
      niceIncrement: 10,
      execArgv: typescript && hooks ? ['--import', hooks] : [],
    });
    // A thread that fails with no task of its own (rare) must not take the process down.
    pool.on('error', () => undefined);
    this.pool = pool;
    return pool;
  }
}

function translatePoolError(error: unknown): unknown {
  const e = error as { name?: unknown; code?: unknown };
  if (e?.name === 'AbortError') return new OffThreadLimitExceeded('time');
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') return new OffThreadLimitExceeded('memory');
  return error;
}
