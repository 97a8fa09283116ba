/**
 * Where an incremental table keeps its cursor between syncs. Mirrors CloudQuery's Go SDK
 * (`state.Client`): values are strings, `setKey` is buffered until `flush`.
 * @see https://github.com/cloudquery/plugin-sdk/blob/main/state/client.go
 */
export interface StateClient {
  /** Where the values live, for error messages (e.g. `state table "cq_state" in the state backend at "localhost:7777"`). */
  readonly location?: string;
  /** The stored value of `key`, or undefined when none was ever stored. */
  getKey(key: string): Promise<string | undefined>;
  /** Remembers `value` for `key`; durable only after `flush()`. */
  setKey(key: string, value: string): Promise<void>;
  /** Writes every key set since the last flush to the backend. */
  flush(): Promise<void>;
  /** Releases the backend connection. Does not flush. */
  close(): Promise<void>;
}
