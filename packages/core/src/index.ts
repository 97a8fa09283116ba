export type { ClientFromSpecOptions, LaunchDarklyClient } from "./api-client.js";
export type { EngineOptions } from "./engine/engine.js";
export type { Release } from "./engine/limiter.js";
export type { BatchLimits } from "./engine/record-batcher.js";
export type { SyncOutput, SyncResponse, SyncStream } from "./engine/sync-stream.js";
export type { SyncStatus, SyncSummary, TableSummary } from "./engine/sync-summary.js";
export type { TableSelection } from "./engine/table-selection.js";
export type { Logger } from "./logger.js";
export type { ColumnType } from "./model/column-type.js";
export type { FieldSpec } from "./model/naming.js";
export type { SdkClientMeta } from "./model/sdk-tables.js";
export type {
  AnyTableDefinition,
  ColumnDefinition,
  ParentResource,
  ResolverContext,
  TableDefinition,
} from "./model/table-definition.js";
export type { RunSyncOptions, SyncRequestOptions } from "./run-sync.js";
export type { AuditLogSpec, LaunchDarklyInstance, PluginSpec } from "./spec.js";
export type { TestConnectionResult } from "./test-connection.js";

export { createClientFromSpec } from "./api-client.js";
export { FatalSyncError, logSummary, runEngine } from "./engine/engine.js";
export { PriorityLimiter } from "./engine/limiter.js";
export { decodeRecord } from "./engine/decode-record.js";
export { encodeRecordBatch, RecordBatcher } from "./engine/record-batcher.js";
export { insertMessage, migrateTableMessage, StreamWriter } from "./engine/sync-stream.js";
export { recordApiEvent } from "./engine/sync-summary.js";
export { flattenTables, selectTables, TableSelectionError } from "./engine/table-selection.js";
export { silentLogger } from "./logger.js";
export { arrowType, columnTypes, toArrowValue } from "./model/column-type.js";
export { cqId, uuidV5 } from "./model/cq-id.js";
export { columnsFromFields, toColumnName } from "./model/naming.js";
export { getPath, isoTimestamp, msEpochTimestamp, parentColumn, path } from "./model/resolvers.js";
export { arrowSchemaOf, CQ_ID, CQ_PARENT_ID, createTablesForSdk } from "./model/sdk-tables.js";
export { defineTable } from "./model/table-definition.js";
export { runSync } from "./run-sync.js";
export { renderSpecReference } from "./spec-docs.js";
export { parseDuration, parseSpec, resolveStartTime, SpecError, specJsonSchema } from "./spec.js";
export { testConnection } from "./test-connection.js";
