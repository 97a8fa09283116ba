/** Releases a slot taken with `PriorityLimiter.acquire`. */
export type Release = () => void;

/**
 * A counting semaphore whose waiters are served deepest first (children before new parent
 * pages, which keeps the number of pending child tasks and so memory small), FIFO within a depth.
 */
export class PriorityLimiter {
  private free: number;
  private readonly queues = new Map<number, (() => void)[]>();
  private inFlight = 0;
  /** Highest number of slots held at once (for tests and benchmarks). */
  peak = 0;

  /** Number of slots. */
  readonly size: number;

  constructor(size: number) {
    this.size = size;
    this.free = size;
  }

  /** Slots held right now. */
  get active(): number {
    return this.inFlight;
  }

  /** Waits for a slot; resolves undefined (no slot) when `signal` is aborted first. */
  acquire(priority: number, signal?: AbortSignal): Promise<Release | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    if (this.free > 0 && this.queues.size === 0) return Promise.resolve(this.take());
    return new Promise((resolve) => {
      const queue = this.queues.get(priority) ?? [];
      this.queues.set(priority, queue);
      const onAbort = () => {
        const index = queue.indexOf(grant);
        if (index >= 0) queue.splice(index, 1);
        if (queue.length === 0) this.queues.delete(priority);
        resolve(undefined);
      };
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve(this.take());
      };
      queue.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  private take(): Release {
    this.free -= 1;
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.free += 1;
      this.inFlight -= 1;
      this.next();
    };
  }

  private next(): void {
    while (this.free > 0 && this.queues.size > 0) {
      const priority = Math.max(...this.queues.keys());
      const queue = this.queues.get(priority);
      const grant = queue?.shift();
      if (!queue || queue.length === 0) this.queues.delete(priority);
      grant?.();
    }
  }
}
