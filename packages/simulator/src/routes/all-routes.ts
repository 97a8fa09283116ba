import type { Route } from "./route.js";
import { accessTokenRoutes } from "./access-tokens.js";
import { aiConfigRoutes } from "./ai-configs.js";
import { applicationRoutes } from "./applications.js";
import { approvalRequestRoutes } from "./approval-requests.js";
import { auditLogRoutes } from "./audit-log.js";
import { callerIdentityRoutes } from "./caller-identity.js";
import { codeRefsRoutes } from "./code-refs.js";
import { contextKindRoutes } from "./context-kinds.js";
import { customRoleRoutes } from "./custom-roles.js";
import { destinationRoutes } from "./destinations.js";
import { environmentRoutes } from "./environments.js";
import { experimentRoutes } from "./experiments.js";
import { flagDefaultsRoutes } from "./flag-defaults.js";
import { flagStatusRoutes } from "./flag-statuses.js";
import { flagRoutes } from "./flags.js";
import { layerRoutes } from "./layers.js";
import { memberRoutes } from "./members.js";
import { metricGroupRoutes } from "./metric-groups.js";
import { metricRoutes } from "./metrics.js";
import { projectRoutes } from "./projects.js";
import { relayProxyConfigRoutes } from "./relay-proxy-configs.js";
import { releasePipelineRoutes } from "./release-pipelines.js";
import { segmentRoutes } from "./segments.js";
import { teamRoutes } from "./teams.js";
import { webhookRoutes } from "./webhooks.js";

/** THE registry of served operations: a new resource is one route file and one line here. */
export const allRoutes: readonly Route[] = [
  ...projectRoutes,
  ...environmentRoutes,
  ...flagRoutes,
  ...flagDefaultsRoutes,
  ...metricRoutes,
  ...flagStatusRoutes,
  ...segmentRoutes,
  ...auditLogRoutes,
  ...callerIdentityRoutes,
  ...contextKindRoutes,
  ...experimentRoutes,
  ...layerRoutes,
  ...releasePipelineRoutes,
  ...metricGroupRoutes,
  ...aiConfigRoutes,
  ...memberRoutes,
  ...teamRoutes,
  ...customRoleRoutes,
  ...accessTokenRoutes,
  ...webhookRoutes,
  ...relayProxyConfigRoutes,
  ...destinationRoutes,
  ...codeRefsRoutes,
  ...approvalRequestRoutes,
  ...applicationRoutes,
];
