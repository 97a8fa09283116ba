import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom, hashSeed } from "../random.js";
import { link } from "./context.js";
import { memberAt, memberCount } from "./members.js";
import {
  environmentKey,
  environmentName,
  flagKey,
  flagName,
  metricKey,
  metricName,
  projectKey,
  projectName,
} from "./naming.js";

/** A full audit-log entry, as `GET /auditlog/{id}` returns it; the list drops the detail fields. */
export type SimAuditEntry = Schemas["AuditLogEntryRep"];

/** Fields only `GET /auditlog/{id}` returns. */
export const auditDetailFields = [
  "delta",
  "previousVersion",
  "currentVersion",
  "merge",
  "triggerBody",
  "subentries",
] as const;

/** Milliseconds between consecutive generated entries (before the per-entry millisecond offset). */
export const auditIntervalMs = 60_000;

/**
 * Whether generated entry `index` shares its `date` with entry `index - 1`. Every tenth entry counted from
 * the newest does, so pages of 10 and 20 walked from the top split a same-date pair across their boundary;
 * about one in seven more do elsewhere. Two pairs never overlap, so a pair always shares one date.
 */
export function sharesDateWithPrevious(ctx: GeneratorContext, index: number): boolean {
  if (index <= 0) return false;
  const forced = (i: number) => i > 0 && (ctx.counts.auditEntries - 1 - i) % 10 === 9;
  const seeded = (i: number) => i > 0 && hashSeed(ctx.seed, "audit-dup", i) % 7 === 0;
  if (forced(index)) return true;
  return seeded(index) && !seeded(index - 1) && !forced(index - 1) && !forced(index + 1);
}

/** `date` of generated entry `index`: non-decreasing in `index`, computed without the other entries. */
export function generatedAuditDate(ctx: GeneratorContext, index: number): number {
  const slot = sharesDateWithPrevious(ctx, index) ? index - 1 : index;
  const offset = hashSeed(ctx.seed, "audit-ms", slot) % 997;
  return ctx.now - (ctx.counts.auditEntries - slot) * auditIntervalMs + offset;
}

/** The `_id` of the entry with global `index` (appended entries continue the numbering). */
export function auditEntryId(ctx: GeneratorContext, index: number): string {
  const prefix = hashSeed(ctx.seed, "audit-id").toString(16).padStart(8, "0");
  return prefix + index.toString(16).padStart(16, "0");
}

/** The global index encoded in an audit entry `_id`, or undefined if it is not one of ours. */
export function auditEntryIndex(ctx: GeneratorContext, id: string): number | undefined {
  const prefix = hashSeed(ctx.seed, "audit-id").toString(16).padStart(8, "0");
  if (id.length !== 24 || !id.startsWith(prefix) || !/^[0-9a-f]+$/.test(id)) return undefined;
  return Number.parseInt(id.slice(8), 16);
}

/** Generates entry `index` dated `date`: a change to a flag, project, environment or metric by a member. */
export function generateAuditEntry(
  ctx: GeneratorContext,
  index: number,
  date: number,
): SimAuditEntry {
  const random = createRandom(ctx.seed, "audit", index);
  const { counts } = ctx;
  const member = memberAt(ctx.seed, random.int(0, memberCount - 1));
  const memberName = `${member.firstName} ${member.lastName}`;
  const _id = auditEntryId(ctx, index);
  const base = {
    _id,
    _accountId: createRandom(ctx.seed, "account").hex(24),
    date,
    member: {
      _links: { self: link(`/api/v2/members/${member._id}`) },
      _id: member._id,
      email: member.email,
      firstName: member.firstName,
      lastName: member.lastName,
    },
    subject: { _links: { self: link(`/api/v2/members/${member._id}`) }, name: memberName },
  };
  if (counts.projects === 0) {
    return {
      ...base,
      _links: { parent: link("/api/v2/auditlog"), self: link(`/api/v2/auditlog/${_id}`) },
      accesses: [{ action: "updateMemberRole", resource: `member/${member._id}` }],
      kind: "member",
      name: memberName,
      description: "Changed the role",
      shortDescription: "changed the role",
      titleVerb: "changed the role of",
      title: `${memberName} changed the role of ${memberName}`,
      target: { _links: {}, name: memberName, resources: [`member/${member._id}`] },
    };
  }
  const p = random.int(0, counts.projects - 1);
  const projKey = projectKey(ctx.seed, p);
  const projResource = `proj/${projKey}`;
  const parent = {
    _links: { canonical: link(`/api/v2/projects/${projKey}`) },
    name: projectName(ctx.seed, p),
    resource: projResource,
  };
  const kinds = ["project", "environment"] as ("flag" | "project" | "environment" | "metric")[];
  if (counts.flagsPerProject > 0) kinds.push("flag", "flag", "flag", "flag");
  if (counts.metricsPerProject > 0) kinds.push("metric");
  const kind = random.pick(kinds);
  let resource = projResource;
  let name = projectName(ctx.seed, p);
  let canonical = `/api/v2/projects/${projKey}`;
  let action = "updateName";
  let description = `Renamed the project to ${name}`;
  let titleVerb = "updated the project";
  let delta: unknown = [{ op: "replace", path: "/name", value: name }];
  if (kind === "environment") {
    const e = random.int(0, counts.environmentsPerProject - 1);
    resource = `${projResource}:env/${environmentKey(e)}`;
    name = environmentName(e);
    canonical = `/api/v2/projects/${projKey}/environments/${environmentKey(e)}`;
    action = "updateTtl";
    description = "Changed the default TTL";
    titleVerb = "updated the environment";
    delta = [{ op: "replace", path: "/defaultTtl", value: random.pick([0, 5, 60]) }];
  } else if (kind === "metric") {
    const m = random.int(0, counts.metricsPerProject - 1);
    resource = `${projResource}:metric/${metricKey(ctx.seed, p, m)}`;
    name = metricName(ctx.seed, p, m);
    canonical = `/api/v2/metrics/${projKey}/${metricKey(ctx.seed, p, m)}`;
    action = "updateTags";
    description = "Updated the tags";
    titleVerb = "updated the metric";
    delta = [{ op: "add", path: "/tags/-", value: "ops" }];
  } else if (kind === "flag") {
    const f = random.int(0, counts.flagsPerProject - 1);
    const e = random.int(0, counts.environmentsPerProject - 1);
    const fKey = flagKey(ctx.seed, p, f);
    resource = `${projResource}:env/${environmentKey(e)}:flag/${fKey}`;
    name = flagName(ctx.seed, p, f);
    canonical = `/api/v2/flags/${projKey}/${fKey}`;
    action = random.pick(["updateOn", "updateRules", "updateTags"] as const);
    const on = random.chance(0.5);
    description =
      action === "updateOn"
        ? `- Turned ${on ? "on" : "off"} the flag`
        : action === "updateRules"
          ? "- Changed the targeting rules"
          : "- Updated the tags";
    titleVerb = action === "updateOn" ? `turned ${on ? "on" : "off"} the flag` : "updated the flag";
    delta =
      action === "updateOn"
        ? [{ op: "replace", path: `/environments/${environmentKey(e)}/on`, value: on }]
        : action === "updateRules"
          ? [
              {
                op: "add",
                path: `/environments/${environmentKey(e)}/rules/0`,
                value: { variation: 0, clauses: [] },
              },
            ]
          : [{ op: "add", path: "/tags/-", value: "release" }];
  }
  const version = random.int(1, 50);
  return {
    ...base,
    _links: {
      canonical: link(canonical),
      parent: link("/api/v2/auditlog"),
      self: link(`/api/v2/auditlog/${_id}`),
      site: link(`/${projKey}`),
    },
    accesses: [{ action, resource }],
    kind,
    name,
    description,
    shortDescription: titleVerb,
    ...(random.chance(0.25)
      ? { comment: random.pick(["Ship it", "Rollback after incident", "Ticket OPS-42"]) }
      : {}),
    titleVerb,
    title: `${memberName} ${titleVerb} ${name}`,
    target: { _links: { canonical: link(canonical) }, name, resources: [resource] },
    parent,
    delta,
    previousVersion: { key: resource.split("/").pop(), name, _version: version },
    currentVersion: { key: resource.split("/").pop(), name, _version: version + 1 },
  };
}
