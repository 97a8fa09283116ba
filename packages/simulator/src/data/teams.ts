import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { dayMs, link } from "./context.js";
import { customRoleKey } from "./custom-roles.js";
import { memberAt, memberSummary } from "./members.js";
import { generateProject } from "./projects.js";

/** A generated team with its custom roles and maintainers (served by their own paginated routes). */
export interface SimTeam {
  /** The team as the list returns it with `expand=members,roleAttributes`. */
  team: Schemas["Team"];
  roles: Schemas["TeamCustomRole"][];
  maintainers: Schemas["MemberSummary"][];
}

const names = [
  "Platform",
  "Growth",
  "Payments",
  "Mobile",
  "Data",
  "Security",
  "Web",
  "Support",
] as const;

/** Key of team `index`. */
export function teamKey(index: number): string {
  return `${(names[index % names.length] ?? "team").toLowerCase()}-${index}`;
}

/** Display name of team `index`. */
export function teamName(index: number): string {
  return `${names[index % names.length] ?? "Team"} ${index}`;
}

/** Generates team `index`; `memberTotal` is the number of members that name it. */
export function generateTeam(
  ctx: GeneratorContext,
  index: number,
  memberTotal: number,
  memberIndexes: number,
): SimTeam {
  const random = createRandom(ctx.seed, "team", index);
  const key = teamKey(index);
  const created = ctx.now - random.int(30, 700) * dayMs;
  const { customRoles, rolesPerTeam, maintainersPerTeam } = ctx.counts;
  const defaultProject = generateProject(ctx, 0);
  const roles = Array.from(
    { length: customRoles > 0 ? Math.min(rolesPerTeam, customRoles) : 0 },
    (_, r) => ({
      key: customRoleKey((index + r) % customRoles),
      name: customRoleKey((index + r) % customRoles).replace(/-/g, " "),
      appliedOn: created + r * dayMs,
      projects: {
        totalCount: 1,
        items: [
          {
            _id: defaultProject._id,
            _links: { self: link(`/api/v2/projects/${defaultProject.key}`) },
            key: defaultProject.key,
            name: defaultProject.name,
          },
        ],
      },
    }),
  );
  const maintainers = Array.from({ length: Math.min(maintainersPerTeam, memberIndexes) }, (_, m) =>
    memberSummary(memberAt(ctx.seed, (index + m) % memberIndexes)),
  );
  return {
    team: {
      key,
      name: teamName(index),
      description: `The ${teamName(index)} team`,
      _access: ownerAccess(`team/${key}`),
      _creationDate: created,
      _lastModified: created + random.int(0, 30) * dayMs,
      _version: random.int(1, 9),
      _idpSynced: index % 4 === 3,
      _links: {
        self: link(`/api/v2/teams/${key}`),
        roles: link(`/api/v2/teams/${key}/roles`),
        maintainers: link(`/api/v2/teams/${key}/maintainers`),
      },
      roleAttributes: index % 2 === 0 ? { projects: ["default"] } : {},
      members: { totalCount: memberTotal },
    },
    roles,
    maintainers,
  };
}
