import type { SimTeam } from "../data/teams.js";
import type { Route, RouteContext } from "./route.js";
import { notFound } from "../api-error.js";
import { offsetPage } from "../paging.js";
import { withExpanded } from "./expand.js";
import { param } from "./route.js";

/** Team fields only returned when expanded (under 20240415 the list no longer expands `projects` or `roles`). */
const teamExpandable = ["members", "roleAttributes", "roles", "projects", "maintainers"] as const;

function teamOf(ctx: RouteContext): SimTeam {
  const key = param(ctx, "teamKey");
  const team = ctx.dataset.account.get().teams.find((candidate) => candidate.team.key === key);
  if (!team) throw notFound("Unknown team key");
  return team;
}

/** `GET /teams` (offset, max 100; `expand=members,roleAttributes`), `/teams/{teamKey}/roles` and `/maintainers`. */
export const teamRoutes: readonly Route[] = [
  {
    operationId: "getTeams",
    handle(ctx) {
      const teams = ctx.dataset.account.get().teams.map((team) => team.team);
      return offsetPage(ctx.operationId, ctx.path, ctx.query, teams, (team) =>
        withExpanded(team, teamExpandable, ctx.query),
      );
    },
  },
  {
    operationId: "getTeamRoles",
    handle(ctx) {
      return offsetPage(ctx.operationId, ctx.path, ctx.query, teamOf(ctx).roles);
    },
  },
  {
    operationId: "getTeamMaintainers",
    handle(ctx) {
      return offsetPage(ctx.operationId, ctx.path, ctx.query, teamOf(ctx).maintainers);
    },
  },
];
