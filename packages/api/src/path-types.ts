import type { MaybeOptionalInit } from "openapi-fetch";

import type { paths } from "./schema-types.js";

type GetOperation<P extends keyof paths> = paths[P] extends { get: infer Operation }
  ? Operation
  : never;

type OkBody<Operation> = Operation extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

/** Every path with a documented GET. */
export type GetPath = {
  [P in keyof paths]: GetOperation<P> extends { responses: unknown } ? P : never;
}[keyof paths];

/** The JSON body of a GET's 200 response. */
export type ResponseOf<P extends GetPath> = OkBody<GetOperation<P>>;

/** Every GET whose response is a collection with `items`. */
export type ListPath = {
  [P in GetPath]: ResponseOf<P> extends { items?: readonly unknown[] | undefined } ? P : never;
}[GetPath];

/** The item type of a collection path, e.g. `ItemOf<"/api/v2/projects">` is `Schemas["Project"]`. */
export type ItemOf<P extends ListPath> =
  ResponseOf<P> extends { items?: readonly (infer Item)[] | undefined } ? Item : never;

/** openapi-fetch's options for a GET of `P`: required when the path has required parameters. */
export type GetInit<P extends GetPath> = MaybeOptionalInit<paths[P], "get">;

/** The init argument as a rest tuple, so it may be left out where nothing is required. */
export type GetInitArgs<P extends GetPath> =
  undefined extends GetInit<P> ? [init?: GetInit<P>] : [init: GetInit<P>];
