import type { Data, DataType, Field, Schema } from "@cloudquery/plugin-sdk-javascript/arrow";
import {
  Table as ArrowTable,
  makeBuilder,
  makeData,
  RecordBatch,
  Struct,
  tableToIPC,
} from "@cloudquery/plugin-sdk-javascript/arrow";

/**
 * The largest encoded record sent in one message: gRPC's default receive limit is 4 MiB
 * (JavaScript plugins such as our SQLite destination keep it), so stay well below it.
 */
export const MAX_RECORD_BYTES = 3 * 1024 * 1024;

/** Row and byte limits of one Arrow record batch. */
export interface BatchLimits {
  /** Flush at this many rows. */
  rows: number;
  /** Flush when the approximate size reaches this many bytes. */
  bytes: number;
}

/** Encodes rows of one table (values already converted for the Arrow builders) as an IPC stream. */
export function encodeRecordBatch(
  schema: Schema,
  columns: readonly unknown[][],
  length: number,
): Uint8Array {
  const children: Data[] = schema.fields.map((field: Field, index) => {
    const builder = makeBuilder<DataType, unknown>({
      type: field.type as DataType,
      nullValues: [null, undefined],
    });
    for (const value of columns[index] ?? []) builder.append(value);
    return builder.finish().flush() as Data;
  });
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  const batch = new RecordBatch(schema, data);
  return tableToIPC(new ArrowTable(schema, [batch]), "stream");
}

/**
 * Collects a table's rows column-wise and emits a multi-row record batch whenever the row or
 * byte limit is reached (and on `flush`, which the engine calls on a timer and at the end).
 * Only the current batch is held in memory.
 */
export class RecordBatcher {
  private columns: unknown[][];
  private rows = 0;
  private bytes = 0;
  /**
   * When the last batch was emitted (ms since epoch). Starts at 0 so a table's first rows go out
   * at the next timer tick instead of a full interval after the sync started: the destination
   * (and a user watching progress) sees data as soon as the first page arrives.
   */
  lastFlush = 0;

  private readonly schema: Schema;
  private readonly limits: BatchLimits;
  private readonly emit: (record: Uint8Array, rows: number) => Promise<void>;

  constructor(
    schema: Schema,
    limits: BatchLimits,
    emit: (record: Uint8Array, rows: number) => Promise<void>,
  ) {
    this.schema = schema;
    this.limits = limits;
    this.emit = emit;
    this.columns = schema.fields.map(() => []);
  }

  /** Rows buffered now. */
  get pending(): number {
    return this.rows;
  }

  /** Buffers a row; returns the flush promise when the row filled the batch. */
  add(values: readonly unknown[], size: number): Promise<void> | undefined {
    for (let index = 0; index < this.columns.length; index++)
      this.columns[index]?.push(values[index]);
    this.rows += 1;
    this.bytes += size;
    if (this.rows >= this.limits.rows || this.bytes >= this.limits.bytes) return this.flush();
    return undefined;
  }

  /** Emits the buffered rows, if any, as one record batch. */
  flush(): Promise<void> {
    if (this.rows === 0) return Promise.resolve();
    const columns = this.columns;
    const rows = this.rows;
    this.columns = this.schema.fields.map(() => []);
    this.rows = 0;
    this.bytes = 0;
    this.lastFlush = Date.now();
    return this.emitColumns(columns, rows);
  }

  /**
   * Encodes and emits rows, halving a batch whose encoding is over `MAX_RECORD_BYTES`: the byte
   * limit counts value sizes only, and destinations built on gRPC's defaults refuse messages
   * over 4 MiB.
   */
  private async emitColumns(columns: unknown[][], rows: number): Promise<void> {
    const record = encodeRecordBatch(this.schema, columns, rows);
    if (record.byteLength <= MAX_RECORD_BYTES || rows === 1) {
      await this.emit(record, rows);
      return;
    }
    const half = Math.ceil(rows / 2);
    await this.emitColumns(
      columns.map((column) => column.slice(0, half)),
      half,
    );
    await this.emitColumns(
      columns.map((column) => column.slice(half)),
      rows - half,
    );
  }
}
