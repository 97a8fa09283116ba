import type { Schemas } from "@cq-launchdarkly/api";

import { createRandom } from "../random.js";

/** A generated account member, referenced as flag maintainer and audit-log actor. */
export interface SimMember {
  _id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: string;
}

const firstNames = [
  "Ada",
  "Grace",
  "Alan",
  "Edsger",
  "Barbara",
  "Ken",
  "Margaret",
  "Linus",
] as const;
const lastNames = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Thompson",
  "Hamilton",
  "Torvalds",
] as const;
const roles = ["owner", "admin", "writer", "reader"] as const;

/** Members of the simulated account: a fixed small set, enough to vary maintainers and actors. */
export const memberCount = 8;

/** The member at `index` (0 is the owner, also the caller behind the access token). */
export function memberAt(seed: string, index: number): SimMember {
  const random = createRandom(seed, "member", index);
  const firstName = firstNames[index % firstNames.length] ?? "Sam";
  const lastName = lastNames[(index * 3) % lastNames.length] ?? "Doe";
  return {
    _id: random.hex(24),
    email: (index < memberCount
      ? `${firstName}.${lastName}@example.com`
      : `${firstName}.${lastName}.${index}@example.com`
    ).toLowerCase(),
    firstName,
    lastName,
    role: index === 0 ? "owner" : (roles[1 + (index % 3)] ?? "reader"),
  };
}

/** The `MemberSummary` shape embedded in flags and metrics. */
export function memberSummary(member: SimMember): Schemas["MemberSummary"] {
  return {
    _links: { self: { href: `/api/v2/members/${member._id}`, type: "application/json" } },
    _id: member._id,
    firstName: member.firstName,
    lastName: member.lastName,
    role: member.role,
    email: member.email,
  };
}

/** The id of the simulated account. */
export function accountId(seed: string): string {
  return createRandom(seed, "account").hex(24);
}
