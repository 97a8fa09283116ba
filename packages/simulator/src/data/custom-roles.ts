import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { link } from "./context.js";

/** A generated custom role with its policy statements. */
export type SimCustomRole = Schemas["CustomRole"];

const templates = [
  { name: "Flag editor", resources: ["proj/*:env/*:flag/*"], actions: ["*"] },
  {
    name: "Production reader",
    resources: ["proj/*:env/production:flag/*"],
    actions: ["viewProject"],
  },
  { name: "Segment maintainer", resources: ["proj/*:env/*:segment/*"], actions: ["*"] },
  { name: "Experiment runner", resources: ["proj/*:env/*:experiment/*"], actions: ["*"] },
  {
    name: "No production",
    resources: ["proj/*:env/production:flag/*"],
    actions: ["*"],
    deny: true,
  },
] as const;

/** Key of custom role `index`. */
export function customRoleKey(index: number): string {
  const template = templates[index % templates.length] ?? templates[0];
  return `${template.name.toLowerCase().replace(/ /g, "-")}-${index}`;
}

/** Generates custom role `index`: a policy of one to three statements; some are presets. */
export function generateCustomRole(ctx: GeneratorContext, index: number): SimCustomRole {
  const random = createRandom(ctx.seed, "custom-role", index);
  const template = templates[index % templates.length] ?? templates[0];
  const key = customRoleKey(index);
  const policy: Schemas["Statement"][] = [
    {
      effect: "deny" in template ? "deny" : "allow",
      resources: [...template.resources],
      actions: [...template.actions],
    },
  ];
  if (random.chance(0.5))
    policy.push({ effect: "allow", resources: ["proj/*"], actions: ["viewProject"] });
  const role: SimCustomRole = {
    _id: random.hex(24),
    _links: { self: link(`/api/v2/roles/${key}`) },
    _access: ownerAccess(`role/${key}`),
    key,
    name: `${template.name} ${index}`,
    description: `${template.name} (generated)`,
    policy,
    basePermissions: random.pick(["reader", "no_access"]),
    resourceCategory: "project",
    assignedTo: { membersCount: random.int(0, 5), teamsCount: random.int(0, 2) },
  };
  if (index % 5 === 1) {
    role._presetBundleVersion = 1;
    role._presetStatements = policy;
  }
  return role;
}
