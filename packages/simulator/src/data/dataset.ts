import type { ResolvedOptions } from "../options.js";
import type { AccountTruth } from "./account.js";
import type { SimAuditEntry } from "./audit-entries.js";
import type { GeneratorContext } from "./context.js";
import type { SimEnvironment } from "./environments.js";
import type { SimFlagDefaults } from "./flag-defaults.js";
import type { SimFlagStatus } from "./flag-statuses.js";
import type { SimFlag } from "./flags.js";
import type { SimMetric } from "./metrics.js";
import type { ProjectResources } from "./project-resources.js";
import type { SimProject } from "./projects.js";
import type { SimSegment } from "./segments.js";
import { AccountData } from "./account.js";
import { AuditLog } from "./audit-log.js";
import { generateEnvironment } from "./environments.js";
import { generateFlagDefaults } from "./flag-defaults.js";
import { generateFlagStatus } from "./flag-statuses.js";
import { generateFlag } from "./flags.js";
import { generateMetric } from "./metrics.js";
import { environmentKey, projectKey } from "./naming.js";
import { generateProjectResources } from "./project-resources.js";
import { generateProject } from "./projects.js";
import { generateSegment } from "./segments.js";

/** A project with everything generated under it. */
export interface ProjectTruth extends ProjectResources {
  project: SimProject;
  environments: SimEnvironment[];
  /** Every flag, archived ones included, with the full configuration of every environment. */
  flags: SimFlag[];
  flagDefaults: SimFlagDefaults;
  metrics: SimMetric[];
  /** Flag statuses per environment key. */
  flagStatuses: Record<string, SimFlagStatus[]>;
  /** Segments per environment key. */
  segments: Record<string, SimSegment[]>;
}

/** Every object the simulator holds, after run-time changes (appended audit entries, archived or deleted items). */
export interface Truth {
  projects: ProjectTruth[];
  /** Audit-log entries, newest first, detail fields included. */
  auditLog: SimAuditEntry[];
  /** Account-level resources: members, teams, roles, tokens, webhooks, relay configs, destinations, code refs, approvals, applications. */
  account: AccountTruth;
}

/** The resources a run-time change can delete. */
export type DeletableKind = "project" | "environment" | "flag" | "metric";

interface ProjectShell {
  index: number;
  project: SimProject;
  environments: SimEnvironment[];
}

interface ProjectContent {
  flags: SimFlag[];
  flagDefaults: SimFlagDefaults;
  metrics: SimMetric[];
  statuses: Map<string, Map<string, SimFlagStatus>>;
}

/**
 * All simulated data, generated lazily: a project's shell (itself and its environments) on first access,
 * its flags, metrics and statuses the first time one of them is read; audit entries by index.
 * Generators are pure functions of (seed, indexes), so laziness never changes the data.
 */
export class Dataset {
  readonly ctx: GeneratorContext;
  readonly auditLog: AuditLog;
  /** Account-level resources, generated on first access. */
  readonly account: AccountData;
  private readonly resources = new Map<number, ProjectResources>();
  private readonly projectIndexByKey = new Map<string, number>();
  private readonly shells = new Map<number, ProjectShell>();
  private readonly contents = new Map<number, ProjectContent>();
  private readonly deletedProjects = new Set<number>();
  /** Segments by `${projectIndex}/${environmentKey}`, generated on first read. */
  private readonly segmentLists = new Map<string, SimSegment[]>();

  constructor(options: Pick<ResolvedOptions, "seed" | "counts" | "now">) {
    this.ctx = { seed: options.seed, counts: options.counts, now: options.now };
    this.auditLog = new AuditLog(this.ctx);
    this.account = new AccountData(this.ctx);
    for (let i = 0; i < options.counts.projects; i++)
      this.projectIndexByKey.set(projectKey(options.seed, i), i);
  }

  /** Projects in creation order (deleted ones left out). */
  projects(): SimProject[] {
    return this.projectIndexes().map((index) => this.shell(index).project);
  }

  /** The project with this key, or undefined. */
  project(key: string): SimProject | undefined {
    const index = this.indexOf(key);
    return index === undefined ? undefined : this.shell(index).project;
  }

  /** The environments of a project, or undefined for an unknown project. */
  environments(projKey: string): SimEnvironment[] | undefined {
    const index = this.indexOf(projKey);
    return index === undefined ? undefined : this.shell(index).environments;
  }

  /** Every flag of a project (archived included), or undefined for an unknown project. */
  flags(projKey: string): SimFlag[] | undefined {
    return this.content(projKey)?.flags;
  }

  /** The flag defaults of a project. */
  flagDefaults(projKey: string): SimFlagDefaults | undefined {
    return this.content(projKey)?.flagDefaults;
  }

  /** The metrics of a project. */
  metrics(projKey: string): SimMetric[] | undefined {
    return this.content(projKey)?.metrics;
  }

  /** Statuses of the project's current flags in one environment; undefined if either is unknown. */
  flagStatuses(projKey: string, envKey: string): SimFlagStatus[] | undefined {
    const content = this.content(projKey);
    if (!content || !this.environments(projKey)?.some((env) => env.key === envKey))
      return undefined;
    let byFlag = content.statuses.get(envKey);
    if (!byFlag) {
      byFlag = new Map();
      content.statuses.set(envKey, byFlag);
    }
    const statuses: SimFlagStatus[] = [];
    for (const flag of content.flags) {
      let status = byFlag.get(flag.key);
      if (!status) {
        status = generateFlagStatus(this.ctx, projKey, envKey, flag);
        byFlag.set(flag.key, status);
      }
      statuses.push(status);
    }
    return statuses;
  }

  /** Context kinds, experiments, layers, release pipelines, metric groups and AI Configs of a project. */
  projectResources(projKey: string): ProjectResources | undefined {
    const index = this.indexOf(projKey);
    if (index === undefined) return undefined;
    let resources = this.resources.get(index);
    if (!resources) {
      resources = generateProjectResources(this.ctx, index);
      this.resources.set(index, resources);
    }
    return resources;
  }

  /** The segments of one environment of a project; undefined if either is unknown. */
  segments(projKey: string, envKey: string): SimSegment[] | undefined {
    const index = this.indexOf(projKey);
    if (index === undefined) return undefined;
    if (!this.shell(index).environments.some((env) => env.key === envKey)) return undefined;
    // The generator's index of the environment (stable when another environment was deleted).
    const envIndex = Array.from({ length: this.ctx.counts.environmentsPerProject }, (_, e) =>
      environmentKey(e),
    ).indexOf(envKey);
    const id = `${index}/${envKey}`;
    let list = this.segmentLists.get(id);
    if (!list) {
      list = Array.from({ length: this.ctx.counts.segmentsPerEnvironment }, (_, s) =>
        generateSegment(this.ctx, index, envIndex, s),
      );
      this.segmentLists.set(id, list);
    }
    return list;
  }

  /** Archives a flag (as if someone archived it in the UI); returns false if it does not exist. */
  archiveFlag(projKey: string, flagKey: string): boolean {
    const flag = this.flags(projKey)?.find((candidate) => candidate.key === flagKey);
    if (!flag) return false;
    flag.archived = true;
    flag.archivedDate = this.ctx.now;
    for (const config of Object.values(flag.environments)) {
      config.archived = true;
      config.on = false;
    }
    return true;
  }

  /** Deletes a project, environment, flag or metric; returns false if it does not exist. */
  delete(kind: DeletableKind, projKey: string, key?: string): boolean {
    const index = this.indexOf(projKey);
    if (index === undefined) return false;
    if (kind === "project") {
      this.deletedProjects.add(index);
      return true;
    }
    const list: { key: string }[] | undefined =
      kind === "environment"
        ? this.shell(index).environments
        : kind === "flag"
          ? this.flags(projKey)
          : this.metrics(projKey);
    const at = list?.findIndex((item) => item.key === key) ?? -1;
    if (!list || at < 0) return false;
    list.splice(at, 1);
    if (kind === "environment" && key !== undefined) {
      for (const flag of this.flags(projKey) ?? []) delete flag.environments[key];
    }
    return true;
  }

  /** Generates everything not generated yet and returns it all. Costly on `large`; meant for tests. */
  truth(): Truth {
    return {
      projects: this.projectIndexes().map((index) => {
        const shell = this.shell(index);
        const key = shell.project.key;
        const flagStatuses: Record<string, SimFlagStatus[]> = {};
        const segments: Record<string, SimSegment[]> = {};
        for (const env of shell.environments) {
          flagStatuses[env.key] = this.flagStatuses(key, env.key) ?? [];
          segments[env.key] = this.segments(key, env.key) ?? [];
        }
        return {
          project: shell.project,
          environments: shell.environments,
          flags: this.flags(key) ?? [],
          flagDefaults: this.flagDefaults(key) ?? generateFlagDefaults(this.ctx, index),
          metrics: this.metrics(key) ?? [],
          flagStatuses,
          segments,
          ...(this.projectResources(key) ?? generateProjectResources(this.ctx, index)),
        };
      }),
      auditLog: this.auditLog.all("newest-first"),
      account: this.account.get(),
    };
  }

  private projectIndexes(): number[] {
    const indexes: number[] = [];
    for (let i = 0; i < this.ctx.counts.projects; i++)
      if (!this.deletedProjects.has(i)) indexes.push(i);
    return indexes;
  }

  private indexOf(key: string): number | undefined {
    const index = this.projectIndexByKey.get(key);
    return index === undefined || this.deletedProjects.has(index) ? undefined : index;
  }

  private shell(index: number): ProjectShell {
    let shell = this.shells.get(index);
    if (!shell) {
      shell = {
        index,
        project: generateProject(this.ctx, index),
        environments: Array.from({ length: this.ctx.counts.environmentsPerProject }, (_, e) =>
          generateEnvironment(this.ctx, index, e),
        ),
      };
      this.shells.set(index, shell);
    }
    return shell;
  }

  private content(projKey: string): ProjectContent | undefined {
    const index = this.indexOf(projKey);
    if (index === undefined) return undefined;
    let content = this.contents.get(index);
    if (!content) {
      const { counts } = this.ctx;
      content = {
        flags: Array.from({ length: counts.flagsPerProject }, (_, f) =>
          generateFlag(this.ctx, index, f),
        ),
        flagDefaults: generateFlagDefaults(this.ctx, index),
        metrics: Array.from({ length: counts.metricsPerProject }, (_, m) =>
          generateMetric(this.ctx, index, m),
        ),
        statuses: new Map(),
      };
      // An environment deleted before the flags were generated must not reappear in their configuration.
      const envKeys = new Set(this.shell(index).environments.map((env) => env.key));
      for (const flag of content.flags) {
        for (const envKey of Object.keys(flag.environments))
          if (!envKeys.has(envKey)) delete flag.environments[envKey];
      }
      this.contents.set(index, content);
    }
    return content;
  }
}
