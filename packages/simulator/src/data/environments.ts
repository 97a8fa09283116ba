import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { link } from "./context.js";
import { environmentKey, environmentName, projectKey } from "./naming.js";

/** A generated environment, secrets included (`apiKey`, `mobileKey`) as the real API returns them. */
export type SimEnvironment = Schemas["Environment"];

const colors = ["417505", "F5A623", "0B69D6", "D0021B", "7B42BC", "50E3C2"] as const;

/** Generates environment `envIndex` of project `projectIndex`. */
export function generateEnvironment(
  ctx: GeneratorContext,
  projectIndex: number,
  envIndex: number,
): SimEnvironment {
  const random = createRandom(ctx.seed, "environment", projectIndex, envIndex);
  const projKey = projectKey(ctx.seed, projectIndex);
  const key = environmentKey(envIndex);
  const critical = key === "production";
  // A stream of its own, so fields added later do not change the fields drawn above.
  const extra = createRandom(ctx.seed, "environment-extra", projectIndex, envIndex);
  const environment: SimEnvironment = {
    _links: {
      self: link(`/api/v2/projects/${projKey}/environments/${key}`),
      analytics: link(`https://app.launchdarkly.com/snippet/events/v1/${random.hex(8)}.js`),
      apiKey: link(`/api/v2/projects/${projKey}/environments/${key}/apiKey`),
      mobileKey: link(`/api/v2/projects/${projKey}/environments/${key}/mobileKey`),
    },
    _id: random.hex(24),
    key,
    name: environmentName(envIndex),
    apiKey: `sdk-${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`,
    mobileKey: `mob-${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`,
    color: colors[envIndex % colors.length] ?? "417505",
    defaultTtl: random.pick([0, 0, 5, 60]),
    secureMode: random.chance(0.2),
    defaultTrackEvents: random.chance(0.2),
    requireComments: critical,
    confirmChanges: critical,
    tags: critical ? ["critical"] : [],
    critical,
    approvalSettings: {
      required: critical && random.chance(0.5),
      bypassApprovalsForPendingChanges: false,
      minNumApprovals: 1,
      canReviewOwnRequest: false,
      canApplyDeclinedChanges: true,
      autoApplyApprovedChanges: false,
      serviceKind: "launchdarkly",
      serviceConfig: {},
      requiredApprovalTags: [],
    },
    _access: ownerAccess(`proj/${projKey}:env/${key}`),
  };
  if (critical || extra.chance(0.3)) {
    environment.resourceApprovalSettings = {
      segment: {
        required: critical,
        bypassApprovalsForPendingChanges: false,
        minNumApprovals: critical ? 2 : 1,
        canReviewOwnRequest: false,
        canApplyDeclinedChanges: false,
        autoApplyApprovedChanges: false,
        serviceKind: "launchdarkly",
        serviceConfig: {},
        requiredApprovalTags: [],
      },
    };
  }
  return environment;
}
