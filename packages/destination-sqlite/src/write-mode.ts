/**
 * CloudQuery's destination `write_mode`: `overwrite-delete-stale` (upsert on the primary key, then
 * delete rows of earlier syncs), `overwrite` (upsert only), `append` (plain inserts; primary keys
 * are dropped from the schema as the CLI does).
 */
export type WriteMode = "overwrite-delete-stale" | "overwrite" | "append";

/** CloudQuery's destination `migrate_mode`: `safe` refuses destructive changes, `forced` recreates. */
export type MigrateMode = "safe" | "forced";

/** The write modes, for validation. */
export const WRITE_MODES: readonly WriteMode[] = ["overwrite-delete-stale", "overwrite", "append"];

/** The migrate modes, for validation. */
export const MIGRATE_MODES: readonly MigrateMode[] = ["safe", "forced"];
