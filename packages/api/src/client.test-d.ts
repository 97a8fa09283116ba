import { assertType, describe, expectTypeOf, it } from "vitest";

import type { ItemOf, Schemas } from "./index.js";
import { createLaunchDarklyClient } from "./index.js";

const ld = createLaunchDarklyClient({ accessToken: "token" });

describe("typed calls", () => {
  it("types responses from the OpenAPI document", async () => {
    const { data } = await ld.GET("/api/v2/projects/{projectKey}", {
      params: { path: { projectKey: "default" } },
    });
    expectTypeOf(data).toEqualTypeOf<Schemas["Project"] | undefined>();
    const project = await ld.getOrThrow("/api/v2/projects/{projectKey}", {
      params: { path: { projectKey: "default" } },
    });
    expectTypeOf(project).toEqualTypeOf<Schemas["Project"]>();
  });

  it("types collection items", () => {
    expectTypeOf<ItemOf<"/api/v2/projects">>().toEqualTypeOf<Schemas["Project"]>();
    expectTypeOf<ItemOf<"/api/v2/flags/{projectKey}">>().toEqualTypeOf<Schemas["FeatureFlag"]>();
    for (const _ of [ld.paginate("/api/v2/members")]) {
      assertType<AsyncIterable<{ items: Schemas["Member"][] }>>(_);
    }
  });

  it("requires path parameters", () => {
    // @ts-expect-error projectKey is required
    void ld.paginate("/api/v2/flags/{projectKey}");
    // @ts-expect-error not a collection
    void ld.paginate("/api/v2/projects/{projectKey}", { params: { path: { projectKey: "p" } } });
    void ld.paginate("/api/v2/projects");
  });
});
