import { describe, expect, it } from "vitest";

import type { AnyTableDefinition } from "../model/table-definition.js";
import { selectTables, TableSelectionError } from "./table-selection.js";

const table = (name: string, children: AnyTableDefinition[] = []): AnyTableDefinition => ({
  name,
  description: name,
  columns: [],
  children,
  resolve: async function* () {
    // yields nothing: only the schema matters here
  },
});

const tree = [
  table("ld_projects", [
    table("ld_project_environments", [table("ld_project_environment_keys")]),
    table("ld_project_flags"),
  ]),
  table("ld_members"),
];

const names = (tables: AnyTableDefinition[]): string[] =>
  tables.flatMap((t) => [t.name, ...names([...(t.children ?? [])])]);

describe("selectTables", () => {
  it("* selects everything", () => {
    expect(names(selectTables(tree, { tables: ["*"] }))).toEqual([
      "ld_projects",
      "ld_project_environments",
      "ld_project_environment_keys",
      "ld_project_flags",
      "ld_members",
    ]);
  });

  it("a selected parent brings its children unless skip_dependent_tables", () => {
    expect(names(selectTables(tree, { tables: ["ld_projects"] }))).toHaveLength(4);
    expect(
      names(selectTables(tree, { tables: ["ld_projects"], skipDependentTables: true })),
    ).toEqual(["ld_projects"]);
  });

  it("a selected child brings its parents", () => {
    expect(
      names(
        selectTables(tree, { tables: ["ld_project_environment_keys"], skipDependentTables: true }),
      ),
    ).toEqual(["ld_projects", "ld_project_environments", "ld_project_environment_keys"]);
  });

  it("skip_tables drops a table with its children", () => {
    expect(
      names(selectTables(tree, { tables: ["*"], skipTables: ["ld_project_environments"] })),
    ).toEqual(["ld_projects", "ld_project_flags", "ld_members"]);
    expect(names(selectTables(tree, { tables: ["*"], skipTables: ["ld_projects"] }))).toEqual([
      "ld_members",
    ]);
  });

  it("globs match in the middle", () => {
    expect(
      names(selectTables(tree, { tables: ["ld_*_flags"], skipDependentTables: true })),
    ).toEqual(["ld_projects", "ld_project_flags"]);
  });

  it("a pattern matching nothing is an error", () => {
    expect(() => selectTables(tree, { tables: ["ld_nothing"] })).toThrow(TableSelectionError);
    expect(() => selectTables(tree, { tables: ["*"], skipTables: ["zzz*"] })).toThrow(
      'skip_tables: pattern "zzz*" matches no table',
    );
  });

  it("skipping the parent of a child selected by name is an error", () => {
    expect(() =>
      selectTables(tree, { tables: ["ld_project_flags"], skipTables: ["ld_projects"] }),
    ).toThrow("can't skip parent table ld_projects while its child ld_project_flags is selected");
  });
});
