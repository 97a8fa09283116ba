import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { dayMs } from "./context.js";
import { memberAt, memberCount } from "./members.js";
import { projectKey, tagPool } from "./naming.js";

/** A generated AI Config with its variations (models and prompts). */
export type SimAiConfig = Schemas["AIConfig"];

const models = ["gpt-4o", "claude-sonnet-4", "gemini-2.0-flash", "llama-3.1-70b"] as const;

/** Generates AI Config `index` of project `projectIndex`. */
export function generateAiConfig(
  ctx: GeneratorContext,
  projectIndex: number,
  index: number,
): SimAiConfig {
  const random = createRandom(ctx.seed, "ai-config", projectIndex, index);
  const projKey = projectKey(ctx.seed, projectIndex);
  const key = `assistant-${index}`;
  const created = ctx.now - random.int(5, 120) * dayMs;
  const member = memberAt(ctx.seed, random.int(0, memberCount - 1));
  const self = { href: `/api/v2/projects/${projKey}/ai-configs/${key}`, type: "application/json" };
  return {
    _access: { denied: [], allowed: [] },
    _links: {
      self,
      parent: { href: `/api/v2/projects/${projKey}/ai-configs`, type: "application/json" },
    },
    key,
    name: `Assistant ${index}`,
    description: `Prompt and model for assistant ${index}`,
    _maintainer: { kind: "member", _id: member._id, email: member.email, role: member.role },
    mode: random.pick(["completion", "agent"]),
    tags: random.sample(tagPool, random.int(0, 2)),
    version: random.int(1, 9),
    createdAt: created,
    updatedAt: created + random.int(0, 4) * dayMs,
    evaluationMetricKey: `${key}-satisfaction`,
    evaluationMetricKeys: [`${key}-satisfaction`],
    isInverted: false,
    dependencies: [],
    variations: [0, 1].map((v) => ({
      _links: { parent: self },
      _id: random.hex(24),
      key: v === 0 ? "default" : "experimental",
      name: v === 0 ? "Default" : "Experimental",
      // The document types `model` as an empty object; the real API returns the model's id and parameters.
      model: {
        id: random.pick(models),
        parameters: { temperature: 0.2 + v / 2 },
      } as unknown as Record<string, never>,
      messages: [{ role: "system", content: `You are assistant ${index}.` }],
      createdAt: created,
      version: 1,
      state: "published",
    })),
  };
}
