import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { dayMs, link } from "./context.js";
import { flagKey, projectKey } from "./naming.js";

/** A generated code-references repository with its branches (served by their own route). */
export interface SimRepository {
  /** The repository as the list returns it without `withBranches`. */
  repository: Schemas["RepositoryRep"];
  branches: Schemas["BranchRep"][];
}

const repoNames = [
  "web-app",
  "api-server",
  "ios-app",
  "android-app",
  "infra",
  "data-jobs",
] as const;

/** Name of repository `index`. */
export function repositoryName(index: number): string {
  return `${repoNames[index % repoNames.length] ?? "repo"}-${index}`;
}

/** Generates repository `index` with its branches (the default branch first). */
export function generateRepository(ctx: GeneratorContext, index: number): SimRepository {
  const random = createRandom(ctx.seed, "repository", index);
  const name = repositoryName(index);
  const type = random.pick(["github", "gitlab", "bitbucket", "custom"] as const);
  const sourceLink = `https://github.com/example/${name}`;
  const branchNames = ["main", "develop", "release", "feature-x"];
  const branches = Array.from({ length: ctx.counts.branchesPerRepository }, (_, b) => {
    const branch = branchNames[b] ?? `branch-${b}`;
    const references: Schemas["ReferenceRep"][] =
      ctx.counts.projects > 0 && ctx.counts.flagsPerProject > 0
        ? [
            {
              path: `src/features/${branch}.ts`,
              hint: "typescript",
              hunks: [
                {
                  startingLineNumber: random.int(1, 400),
                  lines: `if (ldClient.variation("${flagKey(ctx.seed, 0, b % ctx.counts.flagsPerProject)}", false)) {`,
                  projKey: projectKey(ctx.seed, 0),
                  flagKey: flagKey(ctx.seed, 0, b % ctx.counts.flagsPerProject),
                  aliases: [],
                },
              ],
            },
          ]
        : [];
    return {
      name: branch,
      head: random.hex(40),
      updateSequenceId: random.int(1, 5000),
      syncTime: ctx.now - random.int(0, 30) * dayMs,
      references,
      _links: { self: link(`/api/v2/code-refs/repositories/${name}/branches/${branch}`) },
    };
  });
  return {
    repository: {
      name,
      sourceLink,
      commitUrlTemplate: `${sourceLink}/commit/\${sha}`,
      hunkUrlTemplate: `${sourceLink}/blob/\${sha}/\${filePath}#L\${lineNumber}`,
      type,
      defaultBranch: "main",
      enabled: index % 5 !== 4,
      version: random.int(1, 20),
      _links: { self: link(`/api/v2/code-refs/repositories/${name}`) },
      _access: ownerAccess(`code-reference-repository/${name}`),
    },
    branches,
  };
}
