export type { ColumnKind, SqliteType } from "./column-mapping.js";
export type { DriverRow, DriverValue } from "./arrow-to-sqlite.js";
export type { ExistingColumn, MigrationPlan, SchemaChange } from "./migration-plan.js";
export type {
  DeleteStaleMessage,
  FlushEvent,
  ReadOptions,
  SqliteDestinationOptions,
  WriteMessage,
} from "./sqlite-destination.js";
export type { SqliteDestinationErrorReason } from "./sqlite-destination-error.js";
export type { SqliteStateClientOptions } from "./sqlite-state-client.js";
export type { ColumnSpec, TableInput, TableSpec, TableSpecOptions } from "./table-spec.js";
export type { SyncTime } from "./timestamp-format.js";
export type { MigrateMode, WriteMode } from "./write-mode.js";
export { columnKindOf, sqliteTypeOf } from "./column-mapping.js";
export { drizzleTableOf } from "./drizzle-table.js";
export { planMigration } from "./migration-plan.js";
export { cqBoolean, cqDate, cqTimestamp } from "./schema/column-types.js";
export {
  DEFAULT_BATCH_SIZE,
  DEFAULT_BATCH_SIZE_BYTES,
  DEFAULT_BUSY_TIMEOUT_MS,
  SqliteDestination,
} from "./sqlite-destination.js";
export { SqliteDestinationError } from "./sqlite-destination-error.js";
export { SqliteStateClient, stateTableName, stateTableSchema } from "./sqlite-state-client.js";
export { CQ_SOURCE_NAME_COLUMN, CQ_SYNC_TIME_COLUMN, schemaOf, tableSpecOf } from "./table-spec.js";
export { formatTimestampMicros, parseTimestampMicros, syncTimeMicros } from "./timestamp-format.js";
export { MIGRATE_MODES, WRITE_MODES } from "./write-mode.js";
