import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { link } from "./context.js";
import { projectKey, projectName, tagPool } from "./naming.js";

/** A generated project without its embedded `environments` (added on `expand=environments`). */
export type SimProject = Schemas["Project"];

/** Generates the project at `index`. */
export function generateProject(ctx: GeneratorContext, index: number): SimProject {
  const random = createRandom(ctx.seed, "project", index);
  const key = projectKey(ctx.seed, index);
  // A stream of its own, so fields added later do not change the fields drawn above.
  const extra = createRandom(ctx.seed, "project-extra", index);
  const project: SimProject = {
    _links: {
      self: link(`/api/v2/projects/${key}`),
      environments: link(`/api/v2/projects/${key}/environments`),
      flagDefaults: link(`/api/v2/projects/${key}/flag-defaults`),
    },
    _id: random.hex(24),
    key,
    includeInSnippetByDefault: random.chance(0.3),
    defaultClientSideAvailability: {
      usingMobileKey: random.chance(0.3),
      usingEnvironmentId: random.chance(0.5),
    },
    name: projectName(ctx.seed, index),
    tags: random.sample(tagPool, random.int(0, 2)),
    _access: ownerAccess(`proj/${key}`),
  };
  if (index % 2 === 0 || extra.chance(0.3)) project.defaultReleasePipelineKey = "standard-release";
  return project;
}
