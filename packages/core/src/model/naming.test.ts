import { describe, expect, it } from "vitest";

import { columnsFromFields, toColumnName } from "./naming.js";

describe("toColumnName", () => {
  it.each([
    ["key", "key"],
    ["_id", "id"],
    ["_maintainerId", "maintainer_id"],
    ["creationDate", "creation_date"],
    ["clientSideID", "client_side_id"],
    ["includeInSnippetByDefault", "include_in_snippet_by_default"],
    ["HTTPStatus", "http_status"],
    ["_version", "version"],
  ])("%s -> %s", (field, column) => {
    expect(toColumnName(field)).toBe(column);
  });
});

describe("columnsFromFields", () => {
  it("skips _links, snake-cases names and reads the field", () => {
    const columns = columnsFromFields<Record<string, unknown>>({
      _id: "utf8",
      key: { type: "utf8", primaryKey: true },
      creationDate: "timestamp",
      _links: "json",
    });
    expect(columns.map((c) => [c.name, c.type, c.primaryKey ?? false])).toEqual([
      ["id", "utf8", false],
      ["key", "utf8", true],
      ["creation_date", "timestamp", false],
    ]);
    expect(columns[2]?.resolve({ creationDate: 5 }, undefined)).toBe(5);
  });
});
