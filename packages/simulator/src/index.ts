export type { AuditEntryInput, AuditQuery } from "./data/audit-log.js";
export type { SimAuditEntry } from "./data/audit-entries.js";
export type { DeletableKind, ProjectTruth, Truth } from "./data/dataset.js";
export type { SimEnvironment } from "./data/environments.js";
export type { SimFlagDefaults } from "./data/flag-defaults.js";
export type { SimFlagStatus } from "./data/flag-statuses.js";
export type { SimFlag } from "./data/flags.js";
export type { SimMetric } from "./data/metrics.js";
export type { SimProject } from "./data/projects.js";
export type { SimSegment } from "./data/segments.js";
export type {
  ActiveFaultRule,
  Fault,
  FaultController,
  FaultRule,
  RateLimitConfig,
} from "./faults.js";
export type { ResolvedOptions, Semantics, SimulatorOptions } from "./options.js";
export type { RequestFilter, RequestLog, RequestRecord, RouteCounter } from "./request-log.js";
export type { Simulator } from "./server.js";
export type { DataCounts, SizeProfile } from "./size-profiles.js";

export { defaultAccessToken, defaultSemantics } from "./options.js";
export { servedOperations } from "./router.js";
export { startSimulator } from "./server.js";
export { sizeProfiles } from "./size-profiles.js";
