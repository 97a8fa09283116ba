import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { dayMs, link } from "./context.js";
import { projectKey } from "./naming.js";

/** A generated context kind. */
export type SimContextKind = Schemas["ContextKindRep"];

const kinds = ["user", "organization", "device", "service", "account", "session"] as const;

/** Generates context kind `index` of project `projectIndex` (`user` first, as in every project). */
export function generateContextKind(
  ctx: GeneratorContext,
  projectIndex: number,
  index: number,
): SimContextKind {
  const random = createRandom(ctx.seed, "context-kind", projectIndex, index);
  const key = kinds[index] ?? `kind-${index}`;
  const creationDate = ctx.now - random.int(100, 900) * dayMs;
  const kind: SimContextKind = {
    key,
    name: key.charAt(0).toUpperCase() + key.slice(1),
    description: index === 0 ? "" : `Contexts of kind ${key}`,
    version: random.int(1, 4),
    creationDate,
    lastModified: creationDate + random.int(0, 50) * dayMs,
    createdFrom: index === 0 ? "default" : random.pick(["auto-add", "manual"] as const),
    hideInTargeting: index > 0 && random.chance(0.3),
    archived: index > 0 && random.chance(0.2),
    _links: {
      self: link(`/api/v2/projects/${projectKey(ctx.seed, projectIndex)}/context-kinds/${key}`),
    },
  };
  if (random.chance(0.8)) kind.lastSeen = ctx.now - random.int(0, 20) * dayMs;
  return kind;
}
