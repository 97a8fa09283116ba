import type { OperationInfo } from "@cq-launchdarkly/api";
import { matchOperation } from "@cq-launchdarkly/api";

import type { Route } from "./routes/route.js";
import { allRoutes } from "./routes/all-routes.js";

/** A request resolved to its documented operation, path parameters and (if served) route. */
export interface ResolvedRequest {
  operation: OperationInfo;
  params: Record<string, string>;
  /** Undefined when the document describes the operation but the simulator does not serve it. */
  route: Route | undefined;
}

const routesById = new Map(allRoutes.map((route) => [route.operationId, route]));
const templateCache = new Map<string, { pattern: RegExp; names: string[] }>();

function compile(pathTemplate: string): { pattern: RegExp; names: string[] } {
  let compiled = templateCache.get(pathTemplate);
  if (!compiled) {
    const names: string[] = [];
    const source = pathTemplate
      .split("/")
      .map((segment) => {
        const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
        if (name === undefined) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(name);
        return "([^/]+)";
      })
      .join("/");
    compiled = { pattern: new RegExp(`^${source}/?$`), names };
    templateCache.set(pathTemplate, compiled);
  }
  return compiled;
}

/** Resolves a method and path with the api package's operation table; undefined for undocumented paths. */
export function resolveRequest(method: string, pathname: string): ResolvedRequest | undefined {
  const operation = matchOperation(method, pathname);
  if (!operation) return undefined;
  const { pattern, names } = compile(operation.pathTemplate);
  const values = pattern.exec(pathname)?.slice(1) ?? [];
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    const value = values[i];
    if (value !== undefined) params[name] = decodeURIComponent(value);
  });
  return { operation, params, route: routesById.get(operation.operationId) };
}

/** The operationIds the simulator serves. */
export function servedOperations(): string[] {
  return allRoutes.map((route) => route.operationId);
}
