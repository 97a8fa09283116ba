import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { environmentSecrets } from "../projects/project-environments.js";
import { withoutSecrets } from "../secrets.js";

export type ApprovalRequest = Schemas["ExpandableApprovalRequestResponse"];

/** Drops the SDK and mobile keys of the environments an expanded approval request embeds. */
function withoutEnvironmentSecrets(
  request: ApprovalRequest,
  includeSecrets: boolean,
): ApprovalRequest {
  if (includeSecrets || !request.environments) return request;
  return {
    ...request,
    environments: request.environments.map((env) => withoutSecrets(env, environmentSecrets, false)),
  };
}

/**
 * `launchdarkly_approval_requests`: every approval request of the account (flags, segments, AI
 * Configs), 200 a page, with the flag, project and environments they concern
 * (`expand=flag,project,environments`; the environments' SDK keys are dropped unless `include_secrets`).
 * @see https://launchdarkly.com/docs/api/approvals/get-approval-requests
 */
export function approvalRequests(): AnyTableDefinition {
  return defineTable<ApprovalRequest>({
    name: "launchdarkly_approval_requests",
    title: "LaunchDarkly Approval Requests",
    description:
      "Approval requests of the account. https://launchdarkly.com/docs/api/approvals/get-approval-requests",
    requiredPermission:
      "read access to the projects the requests belong to (the built-in Reader role has it)",
    columns: columnsFromFields<ApprovalRequest>({
      _id: { type: "utf8", primaryKey: true, description: "The approval request's id." },
      _version: "int64",
      creationDate: { type: "timestamp", resolve: msEpochTimestamp("creationDate") },
      serviceKind: "utf8",
      requestorId: "utf8",
      description: "utf8",
      reviewStatus: "utf8",
      allReviews: "json",
      notifyMemberIds: "list<utf8>",
      appliedDate: { type: "timestamp", resolve: msEpochTimestamp("appliedDate") },
      appliedByMemberId: "utf8",
      appliedByServiceTokenId: "utf8",
      status: "utf8",
      instructions: "json",
      conflicts: "json",
      executionDate: { type: "timestamp", resolve: msEpochTimestamp("executionDate") },
      operatingOnId: "utf8",
      integrationMetadata: "json",
      source: "json",
      customWorkflowMetadata: "json",
      resourceId: "utf8",
      approvalSettings: "json",
      project: "json",
      environments: {
        type: "json",
        description: "The environments concerned; their SDK keys only with include_secrets.",
      },
      flag: "json",
      resource: "json",
    }),
    async *resolve(ctx) {
      const pages = ctx.client.paginate("/api/v2/approval-requests", {
        params: { query: { expand: "flag,project,environments" } },
      });
      for await (const page of pages) {
        yield page.items.map((request) =>
          withoutEnvironmentSecrets(request, ctx.spec.includeSecrets),
        );
      }
    },
  });
}
