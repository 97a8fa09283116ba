import type { AnyTableDefinition } from "@cq-launchdarkly/core";

import { accessTokens } from "./account/access-tokens.js";
import { approvalRequests } from "./account/approval-requests.js";
import { customRoles } from "./account/custom-roles.js";
import { destinations } from "./account/destinations.js";
import { members } from "./account/members.js";
import { relayProxyConfigs } from "./account/relay-proxy-configs.js";
import { webhooks } from "./account/webhooks.js";
import { applications } from "./applications/applications.js";
import { auditLogEntries } from "./audit-log/auditlog-entries.js";
import { codeRefsRepositories } from "./code-refs/code-refs-repositories.js";
import { projects } from "./projects/projects.js";
import { teams } from "./teams/teams.js";

/** THE registry: every top-level table, in the order syncs start them; children hang off their parents. */
export function allTables(): AnyTableDefinition[] {
  return [
    projects(),
    members(),
    teams(),
    customRoles(),
    accessTokens(),
    webhooks(),
    relayProxyConfigs(),
    destinations(),
    codeRefsRepositories(),
    approvalRequests(),
    applications(),
    auditLogEntries(),
  ];
}
