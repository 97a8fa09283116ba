import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { dayMs, link } from "./context.js";
import { generateEnvironment } from "./environments.js";
import { memberAt, memberCount, memberSummary } from "./members.js";
import { environmentKey, flagKey, flagName, projectKey } from "./naming.js";
import { generateProject } from "./projects.js";

/** A generated approval request with every expandable field (the route drops those not expanded). */
export type SimApprovalRequest = Schemas["ExpandableApprovalRequestResponse"];

/** Fields of an approval request only returned when named in `expand`. */
export const approvalRequestExpandable = ["flag", "project", "environments"] as const;

/** Generates approval request `index`, on a flag of one of the projects (environments carry their secrets). */
export function generateApprovalRequest(ctx: GeneratorContext, index: number): SimApprovalRequest {
  const random = createRandom(ctx.seed, "approval-request", index);
  const projectIndex = index % Math.max(1, ctx.counts.projects);
  const envIndex = 0;
  const projKey = projectKey(ctx.seed, projectIndex);
  const envKey = environmentKey(envIndex);
  const fKey = flagKey(ctx.seed, projectIndex, index % Math.max(1, ctx.counts.flagsPerProject));
  const created = ctx.now - random.int(0, 60) * dayMs;
  const requestor = memberAt(ctx.seed, random.int(1, memberCount - 1));
  const reviewer = memberAt(ctx.seed, 0);
  const status = random.pick(["pending", "completed", "failed", "scheduled"] as const);
  const reviewStatus =
    status === "pending" ? "pending" : random.pick(["approved", "declined"] as const);
  const flag: Schemas["ExpandedFlagRep"] = {
    name: flagName(ctx.seed, projectIndex, index % Math.max(1, ctx.counts.flagsPerProject)),
    kind: "boolean",
    key: fKey,
    _version: random.int(1, 20),
    creationDate: created - 30 * dayMs,
    variations: [{ value: true }, { value: false }],
    temporary: true,
    tags: [],
    _links: { self: link(`/api/v2/flags/${projKey}/${fKey}`) },
    customProperties: {},
    archived: false,
    _maintainer: memberSummary(requestor),
    maintainerId: requestor._id,
  };
  const request: SimApprovalRequest = {
    _id: random.hex(24),
    _version: 1,
    creationDate: created,
    serviceKind: "launchdarkly",
    requestorId: requestor._id,
    description: `Turn on ${fKey} in ${envKey}`,
    reviewStatus,
    allReviews:
      reviewStatus === "pending"
        ? []
        : [
            {
              _id: random.hex(24),
              kind: reviewStatus === "approved" ? "approve" : "decline",
              creationDate: created + 3_600_000,
              comment: "LGTM",
              memberId: reviewer._id,
            },
          ],
    notifyMemberIds: [reviewer._id],
    status,
    instructions: [{ kind: "turnFlagOn" }],
    conflicts: [],
    _links: {
      self: link(
        `/api/v2/projects/${projKey}/flags/${fKey}/environments/${envKey}/approval-requests/${index}`,
      ),
    },
    operatingOnId: random.hex(24),
    resourceId: `proj/${projKey}:env/${envKey}:flag/${fKey}`,
    approvalSettings: {
      required: true,
      bypassApprovalsForPendingChanges: false,
      minNumApprovals: 1,
      canReviewOwnRequest: false,
      canApplyDeclinedChanges: false,
      serviceKind: "launchdarkly",
      serviceConfig: {},
      requiredApprovalTags: [],
    },
    project: generateProject(ctx, projectIndex),
    environments: [generateEnvironment(ctx, projectIndex, envIndex)],
    flag,
    resource: { kind: "flag", flag },
  };
  if (status === "completed") {
    request.appliedDate = created + 7_200_000;
    request.appliedByMemberId = reviewer._id;
  }
  if (status === "scheduled") request.executionDate = ctx.now + dayMs;
  if (index % 4 === 1)
    request.customWorkflowMetadata = {
      name: "Production change",
      stage: { index: 0, name: "Review" },
    };
  if (index % 5 === 2) request.source = { key: "staging", version: 3 };
  if (index % 6 === 3) {
    request.appliedByServiceTokenId = random.hex(24);
    request.integrationMetadata = {
      externalId: `CHG${random.int(1000, 9999)}`,
      externalStatus: { display: "Approved", value: "approved" },
      externalUrl: "https://servicenow.example.com/change",
      lastChecked: created,
    };
  }
  return request;
}
