import type { SyncOptions } from "@cloudquery/plugin-sdk-javascript/plugin/plugin";
import { pluginV3 } from "@cloudquery/plugin-pb-javascript";

/** The gRPC Sync stream the SDK hands to `Client.sync` (`SyncOptions['stream']`). */
export type SyncStream = SyncOptions["stream"];

/** One `Sync.Response` message (`migrate_table` or `insert`, each holding Arrow IPC bytes). */
export type SyncResponse = pluginV3.cloudquery.plugin.v3.Sync.Response;

/**
 * What the engine needs of the output stream: the SDK's gRPC stream fits, and so does any
 * object-mode `Writable` (the CLI, tests). `write` returning false means wait for `drain`.
 */
export interface SyncOutput {
  write(message: SyncResponse): boolean;
  end(): void;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  emit(event: string, ...args: unknown[]): boolean;
  listenerCount(event: string): number;
}

/** A `migrate_table` message for an Arrow-IPC-encoded table schema. */
export function migrateTableMessage(table: Uint8Array): SyncResponse {
  return new pluginV3.cloudquery.plugin.v3.Sync.Response({
    migrate_table: new pluginV3.cloudquery.plugin.v3.Sync.MessageMigrateTable({ table }),
  });
}

/** An `insert` message for an Arrow IPC record (one or more rows of one table). */
export function insertMessage(record: Uint8Array): SyncResponse {
  return new pluginV3.cloudquery.plugin.v3.Sync.Response({
    insert: new pluginV3.cloudquery.plugin.v3.Sync.MessageInsert({ record }),
  });
}

/**
 * Serialises writes to the output and honours backpressure: after a write returns false, the
 * next one waits for `drain`. Once the stream closes early or errors, every write rejects.
 * On abort the writer stops waiting for `drain` (queued data still goes out when the stream ends).
 */
export class StreamWriter {
  private tail: Promise<void> = Promise.resolve();
  private needDrain = false;
  private ended = false;
  /** Set when the stream closed or failed before the sync ended. */
  failure: Error | undefined;
  /** How many times a write had to wait for `drain`. */
  drainWaits = 0;

  private readonly stream: SyncOutput;
  private readonly signal: AbortSignal;
  private readonly onFailure: (error: Error) => void;

  constructor(stream: SyncOutput, signal: AbortSignal, onFailure: (error: Error) => void) {
    this.stream = stream;
    this.signal = signal;
    this.onFailure = onFailure;
    const onClose = () => {
      if (!this.ended) this.fail(new Error("the sync stream was closed before the sync finished"));
    };
    const onError = (error: unknown) => {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    };
    stream.once("close", onClose);
    stream.once("cancelled", onClose);
    stream.once("error", onError);
    this.detach = () => {
      stream.off("close", onClose);
      stream.off("cancelled", onClose);
      stream.off("error", onError);
    };
  }

  private readonly detach: () => void;

  /** Stops watching the stream (the engine is done with it; the caller ends it). */
  dispose(): void {
    this.ended = true;
    this.detach();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.onFailure(error);
  }

  /** Queues a message; resolves once it is handed to the stream and any needed drain happened. */
  write(message: SyncResponse): Promise<void> {
    const result = this.tail.then(() => this.writeNow(message));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every queued write has been handed to the stream. */
  async idle(): Promise<void> {
    await this.tail;
  }

  private async writeNow(message: SyncResponse): Promise<void> {
    this.throwIfFailed();
    if (this.needDrain) {
      this.drainWaits += 1;
      await this.waitForDrain();
      this.needDrain = false;
      this.throwIfFailed();
    }
    try {
      this.needDrain = !this.stream.write(message);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.fail(failure);
      throw failure;
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private waitForDrain(): Promise<void> {
    if (this.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off("drain", done);
        this.stream.off("close", done);
        this.signal.removeEventListener("abort", done);
        clearInterval(poll);
        resolve();
      };
      // A failure (close/error) is noticed by the listeners of the constructor; poll for it.
      const poll = setInterval(() => {
        if (this.failure) done();
      }, 50);
      this.stream.once("drain", done);
      this.stream.once("close", done);
      this.signal.addEventListener("abort", done, { once: true });
    });
  }
}
