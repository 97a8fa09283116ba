import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { dayMs, link } from "./context.js";
import { memberAt, memberCount, memberSummary } from "./members.js";
import { flagKey, flagName, projectKey } from "./naming.js";

/** A generated application (beta) with its versions (served by their own route). */
export interface SimApplication {
  /** The application with `expand=flags`; the route drops `flags` unless expanded. */
  application: Schemas["ApplicationRep"];
  versions: Schemas["ApplicationVersionRep"][];
}

const appNames = ["ios", "android", "web", "checkout-service", "search-service"] as const;

/** Key of application `index`. */
export function applicationKey(index: number): string {
  return `${appNames[index % appNames.length] ?? "app"}-${index}`;
}

/** Generates application `index` and its versions (newest last). */
export function generateApplication(ctx: GeneratorContext, index: number): SimApplication {
  const random = createRandom(ctx.seed, "application", index);
  const key = applicationKey(index);
  const kind = index % 5 < 2 ? "mobile" : index % 5 === 2 ? "browser" : "server";
  const created = ctx.now - random.int(30, 600) * dayMs;
  const flags = ctx.counts.projects > 0 ? Math.min(2, ctx.counts.flagsPerProject) : 0;
  const projKey = projectKey(ctx.seed, 0);
  return {
    application: {
      key,
      name: `${key.replace(/-/g, " ")}`,
      kind,
      description: `The ${kind} application ${key}`,
      autoAdded: index % 3 === 0,
      creationDate: created,
      _version: random.int(1, 5),
      _access: ownerAccess(`application/${key}`),
      _links: { self: link(`/api/v2/applications/${key}`) },
      _maintainer: { member: memberSummary(memberAt(ctx.seed, random.int(0, memberCount - 1))) },
      flags: {
        totalCount: flags,
        items: Array.from({ length: flags }, (_, f) => ({
          key: flagKey(ctx.seed, 0, f),
          name: flagName(ctx.seed, 0, f),
          _links: { self: link(`/api/v2/flags/${projKey}/${flagKey(ctx.seed, 0, f)}`) },
        })),
        _links: {},
      },
    },
    versions: Array.from({ length: ctx.counts.versionsPerApplication }, (_, v) => ({
      key: `${1 + Math.floor(v / 3)}.${v % 3}.0`,
      name: `Version ${1 + Math.floor(v / 3)}.${v % 3}`,
      autoAdded: v % 2 === 0,
      creationDate: created + v * 7 * dayMs,
      supported: v >= ctx.counts.versionsPerApplication - 2,
      _version: 1,
      _access: ownerAccess(`application/${key}`),
      _links: { self: link(`/api/v2/applications/${key}/versions/${v}`) },
    })),
  };
}
