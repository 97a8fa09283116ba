import type { Route } from "./route.js";
import { auditLogRoutes } from "./audit-log.js";
import { callerIdentityRoutes } from "./caller-identity.js";
import { environmentRoutes } from "./environments.js";
import { flagDefaultsRoutes } from "./flag-defaults.js";
import { flagStatusRoutes } from "./flag-statuses.js";
import { flagRoutes } from "./flags.js";
import { metricRoutes } from "./metrics.js";
import { projectRoutes } from "./projects.js";

/** THE registry of served operations: a new resource is one route file and one line here. */
export const allRoutes: readonly Route[] = [
  ...projectRoutes,
  ...environmentRoutes,
  ...flagRoutes,
  ...flagDefaultsRoutes,
  ...metricRoutes,
  ...flagStatusRoutes,
  ...auditLogRoutes,
  ...callerIdentityRoutes,
];
