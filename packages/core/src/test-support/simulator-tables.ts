import type { AnyTableDefinition } from "../model/table-definition.js";
import { msEpochTimestamp, parentColumn, path } from "../model/resolvers.js";
import { defineTable } from "../model/table-definition.js";

interface Project {
  key: string;
  name: string;
  _id: string;
  tags: string[];
}
interface Environment {
  key: string;
  name: string;
  color: string;
  _creationDate?: number;
}

/**
 * Minimal projects/environments tables for engine tests against the simulator (the real ones
 * live in @cq-launchdarkly/tables).
 */
export function simulatorTables(): AnyTableDefinition[] {
  const environments = defineTable<Environment>({
    name: "sim_project_environments",
    description: "https://launchdarkly.com/docs/api/environments/get-environments-by-project",
    requiredPermission: "a role allowing `viewProject`",
    columns: [
      { name: "project_key", type: "utf8", primaryKey: true, resolve: parentColumn("key") },
      { name: "key", type: "utf8", primaryKey: true, resolve: path("key") },
      { name: "name", type: "utf8", resolve: path("name") },
      { name: "color", type: "utf8", resolve: path("color") },
      { name: "creation_date", type: "timestamp", resolve: msEpochTimestamp("_creationDate") },
    ],
    async *resolve(ctx, parent) {
      const projectKey = String(parent?.row.key);
      for await (const page of ctx.client.paginate("/api/v2/projects/{projectKey}/environments", {
        params: { path: { projectKey } },
      })) {
        yield page.items;
      }
    },
  });
  const projects = defineTable<Project>({
    name: "sim_projects",
    description: "https://launchdarkly.com/docs/api/projects/get-projects",
    columns: [
      { name: "key", type: "utf8", primaryKey: true, resolve: path("key") },
      { name: "id", type: "utf8", resolve: path("_id") },
      { name: "name", type: "utf8", resolve: path("name") },
      { name: "tags", type: "list<utf8>", resolve: path("tags") },
    ],
    children: [environments],
    async *resolve(ctx) {
      for await (const page of ctx.client.paginate("/api/v2/projects", {})) {
        yield page.items;
      }
    },
  });
  return [projects];
}
