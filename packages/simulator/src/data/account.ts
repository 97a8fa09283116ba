import type { SimAccessToken } from "./access-tokens.js";
import type { SimAccountMember } from "./account-members.js";
import type { SimApplication } from "./applications.js";
import type { SimApprovalRequest } from "./approval-requests.js";
import type { SimRepository } from "./code-refs.js";
import type { GeneratorContext } from "./context.js";
import type { SimCustomRole } from "./custom-roles.js";
import type { SimDestination } from "./destinations.js";
import type { SimRelayProxyConfig } from "./relay-proxy-configs.js";
import type { SimTeam } from "./teams.js";
import type { SimWebhook } from "./webhooks.js";
import { generateAccessToken } from "./access-tokens.js";
import { accountMemberCount, generateAccountMember, teamsOfMember } from "./account-members.js";
import { generateApplication } from "./applications.js";
import { generateApprovalRequest } from "./approval-requests.js";
import { generateRepository } from "./code-refs.js";
import { generateCustomRole } from "./custom-roles.js";
import { generateDestination } from "./destinations.js";
import { generateRelayProxyConfig } from "./relay-proxy-configs.js";
import { generateTeam } from "./teams.js";
import { generateWebhook } from "./webhooks.js";

/** Account-level resources (not under a project), as `truth().account` returns them. */
export interface AccountTruth {
  members: SimAccountMember[];
  teams: SimTeam[];
  customRoles: SimCustomRole[];
  /** Every member's tokens; member 0 (the caller) owns every third. */
  accessTokens: SimAccessToken[];
  webhooks: SimWebhook[];
  relayProxyConfigs: SimRelayProxyConfig[];
  destinations: SimDestination[];
  repositories: SimRepository[];
  approvalRequests: SimApprovalRequest[];
  applications: SimApplication[];
}

function times<T>(count: number, make: (index: number) => T): T[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

/** Generates the account-level resources on first access (pure functions of seed and counts). */
export class AccountData {
  private data: AccountTruth | undefined;
  private readonly ctx: GeneratorContext;

  constructor(ctx: GeneratorContext) {
    this.ctx = ctx;
  }

  /** Everything account-level; generated once. */
  get(): AccountTruth {
    if (!this.data) {
      const { ctx } = this;
      const { counts } = ctx;
      const members = accountMemberCount(ctx);
      const teamSizes = new Array<number>(counts.teams).fill(0);
      for (let m = 0; m < members; m++)
        for (const t of teamsOfMember(ctx, m)) teamSizes[t] = (teamSizes[t] ?? 0) + 1;
      this.data = {
        members: times(members, (i) => generateAccountMember(ctx, i)),
        teams: times(counts.teams, (i) => generateTeam(ctx, i, teamSizes[i] ?? 0, members)),
        customRoles: times(counts.customRoles, (i) => generateCustomRole(ctx, i)),
        accessTokens: times(counts.accessTokens, (i) => generateAccessToken(ctx, i, members)),
        webhooks: times(counts.webhooks, (i) => generateWebhook(ctx, i)),
        relayProxyConfigs: times(counts.relayProxyConfigs, (i) => generateRelayProxyConfig(ctx, i)),
        destinations: times(counts.destinations, (i) => generateDestination(ctx, i)),
        repositories: times(counts.codeRefsRepositories, (i) => generateRepository(ctx, i)),
        approvalRequests: times(counts.approvalRequests, (i) => generateApprovalRequest(ctx, i)),
        applications: times(counts.applications, (i) => generateApplication(ctx, i)),
      };
    }
    return this.data;
  }
}
