import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { dayMs, link } from "./context.js";
import { customRoleKey } from "./custom-roles.js";
import { memberAt, memberCount } from "./members.js";
import { teamKey, teamName } from "./teams.js";

/** A generated account member as the member list returns it (with every expandable field). */
export type SimAccountMember = Schemas["Member"];

/** Fields of a member only returned when named in `expand`. */
export const memberExpandable = ["roleAttributes"] as const;

/** How many members the account has: never fewer than the ones flags and audit entries refer to. */
export function accountMemberCount(ctx: GeneratorContext): number {
  return Math.max(memberCount, ctx.counts.members);
}

/** The team indexes member `index` belongs to. */
export function teamsOfMember(ctx: GeneratorContext, index: number): number[] {
  const { teams } = ctx.counts;
  if (teams === 0 || index % 5 === 4) return [];
  return index % 3 === 0 && teams > 1 ? [index % teams, (index + 1) % teams] : [index % teams];
}

/** Custom role keys given to member `index` directly. */
export function customRolesOfMember(ctx: GeneratorContext, index: number): string[] {
  return ctx.counts.customRoles > 0 && index % 4 === 3
    ? [customRoleKey(index % ctx.counts.customRoles)]
    : [];
}

/** Generates account member `index` (0 is the owner behind the simulator's token). */
export function generateAccountMember(ctx: GeneratorContext, index: number): SimAccountMember {
  const base = memberAt(ctx.seed, index);
  const random = createRandom(ctx.seed, "account-member", index);
  const created = ctx.now - random.int(30, 1000) * dayMs;
  const pending = index > 0 && random.chance(0.1);
  const member: SimAccountMember = {
    _links: { self: link(`/api/v2/members/${base._id}`) },
    _id: base._id,
    firstName: base.firstName,
    lastName: base.lastName,
    role: customRolesOfMember(ctx, index).length > 0 ? "no_access" : base.role,
    email: base.email,
    _pendingInvite: pending,
    _verified: !pending,
    customRoles: customRolesOfMember(ctx, index),
    mfa: random.pick(["enabled", "disabled"]),
    excludedDashboards: [],
    _lastSeen: pending ? 0 : ctx.now - random.int(0, 60) * dayMs,
    _lastSeenMetadata: { tokenId: random.hex(24) },
    teams: teamsOfMember(ctx, index).map((t) => ({
      customRoleKeys: ctx.counts.customRoles > 0 ? [customRoleKey(t % ctx.counts.customRoles)] : [],
      key: teamKey(t),
      name: teamName(t),
      _links: { self: link(`/api/v2/teams/${teamKey(t)}`) },
    })),
    permissionGrants:
      index % 6 === 1
        ? [
            {
              resource: `team/${teamKey(0)}`,
              actionSet: "maintainTeam",
              actions: ["updateTeamMembers"],
            },
          ]
        : [],
    creationDate: created,
    oauthProviders: index % 2 === 0 ? ["google"] : [],
    version: random.int(1, 9),
    roleAttributes: index % 3 === 0 ? { projects: ["default"] } : {},
  };
  if (pending) member._pendingEmail = member.email;
  if (index % 7 === 2) {
    member._integrationMetadata = {
      externalId: random.hex(12),
      externalStatus: { display: "Active", value: "active" },
      externalUrl: "https://idp.example.com/users/" + random.hex(8),
      lastChecked: ctx.now - dayMs,
    };
  }
  return member;
}
