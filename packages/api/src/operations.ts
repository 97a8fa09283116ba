import { operationRows } from "./generated/operations.js";

/** What the OpenAPI document says about the operation a request addresses. */
export interface OperationInfo {
  /** The document's `operationId`, e.g. `getFeatureFlags`. */
  readonly operationId: string;
  /** The path template, e.g. `/api/v2/flags/{projectKey}`. */
  readonly pathTemplate: string;
  /** Whether the operation is beta and so needs `LD-API-Version: beta`. */
  readonly beta: boolean;
}

interface CompiledOperation extends OperationInfo {
  readonly pattern: RegExp;
  readonly literalSegments: number;
}

function compile(pathTemplate: string, operationId: string, beta: boolean): CompiledOperation {
  const segments = pathTemplate.split("/");
  const source = segments
    .map((segment) =>
      /^\{[^}]+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return {
    operationId,
    pathTemplate,
    beta,
    pattern: new RegExp(`^${source}/?$`),
    literalSegments: segments.filter((segment) => !segment.startsWith("{")).length,
  };
}

const byMethod = new Map<string, CompiledOperation[]>();
for (const [method, pathTemplate, operationId, beta] of operationRows) {
  const list = byMethod.get(method) ?? [];
  list.push(compile(pathTemplate, operationId, beta));
  byMethod.set(method, list);
}
// A literal segment is more specific than a parameter (`/flags/{p}/{f}` vs `/flags/{p}/copy`).
for (const list of byMethod.values()) list.sort((a, b) => b.literalSegments - a.literalSegments);

/**
 * Finds the documented operation a request addresses, from its method and URL path.
 * Returns undefined for paths the document does not describe.
 */
export function matchOperation(method: string, pathname: string): OperationInfo | undefined {
  const candidates = byMethod.get(method.toUpperCase());
  const match = candidates?.find((operation) => operation.pattern.test(pathname));
  return (
    match && { operationId: match.operationId, pathTemplate: match.pathTemplate, beta: match.beta }
  );
}
