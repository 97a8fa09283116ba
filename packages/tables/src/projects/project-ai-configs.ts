import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { parentProjectKey, projectParentKeys } from "./project-parent-keys.js";

export type AiConfig = Schemas["AIConfig"];

/**
 * `launchdarkly_project_ai_configs`: the AI Configs of each project with their variations (model,
 * parameters, prompt messages).
 * @see https://launchdarkly.com/docs/api/ai-configs/get-ai-configs
 */
export function projectAiConfigs(): AnyTableDefinition {
  return defineTable<AiConfig>({
    name: "launchdarkly_project_ai_configs",
    title: "LaunchDarkly Project AI Configs",
    description:
      "AI Configs of each project. https://launchdarkly.com/docs/api/ai-configs/get-ai-configs",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...projectParentKeys<AiConfig>(),
      ...columnsFromFields<AiConfig>({
        key: { type: "utf8", primaryKey: true },
        name: "utf8",
        description: "utf8",
        _access: "json",
        _maintainer: "json",
        mode: "utf8",
        tags: "list<utf8>",
        version: "int64",
        variations: "json",
        createdAt: { type: "timestamp", resolve: msEpochTimestamp("createdAt") },
        updatedAt: { type: "timestamp", resolve: msEpochTimestamp("updatedAt") },
        evaluationMetricKey: "utf8",
        evaluationMetricKeys: "list<utf8>",
        isInverted: "bool",
        dependencies: "json",
      }),
    ],
    async *resolve(ctx, parent) {
      const projectKey = parentProjectKey(parent);
      const pages = ctx.client.paginate("/api/v2/projects/{projectKey}/ai-configs", {
        params: { path: { projectKey } },
      });
      for await (const page of pages) yield page.items;
    },
  });
}
