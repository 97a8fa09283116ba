import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { createServer } from "node:http";

import type { SimAuditEntry } from "./data/audit-entries.js";
import type { AuditEntryInput } from "./data/audit-log.js";
import type { DeletableKind, Truth } from "./data/dataset.js";
import type { Fault } from "./faults.js";
import type { ResolvedOptions, Semantics, SimulatorOptions } from "./options.js";
import { ApiError, notFound } from "./api-error.js";
import { Dataset } from "./data/dataset.js";
import { FaultController } from "./faults.js";
import { resolveOptions } from "./options.js";
import { createRandom } from "./random.js";
import { RateLimiter } from "./rate-limiter.js";
import { RequestLog } from "./request-log.js";
import { resolveRequest } from "./router.js";

/** A running simulator. */
export interface Simulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:53124`; API paths start with `/api/v2`. */
  readonly url: string;
  readonly port: number;
  /** The token to send raw in `Authorization`. */
  readonly accessToken: string;
  /** The options with defaults applied (semantics reflect `setSemantics`). */
  readonly options: ResolvedOptions;
  /** Request log and counters per route and status. */
  readonly requests: RequestLog;
  /** Fault rules and the true rate limit, changeable at run time. */
  readonly faults: FaultController;
  /** Every object the simulator holds (after run-time changes). Treat it as read-only. */
  truth(): Truth;
  /** Appends audit-log entries: a count of generated ones, or objects completed with generated fields. */
  appendAuditEntries(input: number | readonly AuditEntryInput[]): SimAuditEntry[];
  /** Archives a flag now; false if it does not exist. */
  archiveFlag(projectKey: string, flagKey: string): boolean;
  /** Deletes a project, environment, flag or metric now; false if it does not exist. */
  deleteResource(kind: DeletableKind, projectKey: string, key?: string): boolean;
  /** Switches undocumented behaviours at run time. */
  setSemantics(semantics: Partial<Semantics>): void;
  /** Closes the server and destroys open connections. */
  stop(): Promise<void>;
}

const knownApiVersions = new Set([
  "beta",
  "20240415",
  "20220603",
  "20210729",
  "20191212",
  "20160426",
]);

/** Which resource a `mutate` fault changes, by list operation. */
const mutableLists: Record<string, DeletableKind> = {
  getProjects: "project",
  getEnvironmentsByProject: "environment",
  getFeatureFlags: "flag",
  getMetrics: "metric",
};

interface Reply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * Starts a simulated LaunchDarkly REST API on 127.0.0.1 (an ephemeral port unless `port` is set).
 * Data is generated lazily from the seed, so even the `large` profile starts at once.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const resolved = resolveOptions(options);
  const dataset = new Dataset(resolved);
  const requests = new RequestLog(resolved.requestLogLimit);
  const faults = new FaultController(
    createRandom(resolved.seed, "faults"),
    resolved.faults,
    resolved.rateLimit,
  );
  const rateLimiter = new RateLimiter();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const method = (req.method ?? "GET").toUpperCase();
    const versionHeader = headerValue(req, "ld-api-version");
    const applied: string[] = [];
    const resolvedRequest = resolveRequest(method, url.pathname);
    const record = (status: number) =>
      requests.record({
        method,
        path: url.pathname,
        query: url.search.replace(/^\?/, ""),
        operationId: resolvedRequest?.operation.operationId,
        pathTemplate: resolvedRequest?.operation.pathTemplate,
        status,
        faults: applied,
        apiVersion: versionHeader,
        startedAt,
        durationMs: Date.now() - startedAt,
      });
    const send = (reply: Reply, bodyFault?: Fault) => {
      const text = JSON.stringify(reply.body);
      const body =
        bodyFault?.kind === "malformed-json"
          ? text.slice(0, Math.max(1, Math.floor(text.length / 2)))
          : text;
      const bytes = Buffer.from(body);
      res.writeHead(reply.status, {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": String(bytes.length),
        ...reply.headers,
      });
      if (bodyFault?.kind === "connection-reset") {
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
        setImmediate(() => {
          req.socket.destroy();
          record(reply.status);
        });
        return Promise.resolve();
      }
      if (bodyFault?.kind === "slow-body") {
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
        return sleep(bodyFault.ms).then(() => {
          if (!res.destroyed) res.end(bytes.subarray(Math.floor(bytes.length / 2)));
          record(reply.status);
        });
      }
      res.end(bytes);
      record(reply.status);
      return Promise.resolve();
    };
    const error = (err: ApiError, headers: Record<string, string> = {}) =>
      send({ status: err.status, body: err.toBody(), headers: { ...headers, ...err.headers } });

    // Auth first: a raw token, no "Bearer" (LaunchDarkly rejects anything else with 401).
    if (headerValue(req, "authorization") !== resolved.accessToken) {
      return error(new ApiError(401, "unauthorized", "Invalid access token"));
    }
    if (!resolvedRequest) return error(notFound(`No such API path: ${method} ${url.pathname}`));
    const { operation, params, route } = resolvedRequest;
    const apiVersion = versionHeader ?? resolved.defaultApiVersion;
    if (!knownApiVersions.has(apiVersion)) {
      return error(new ApiError(400, "invalid_request", `Invalid API version "${apiVersion}"`));
    }
    if (operation.beta && apiVersion !== "beta") {
      return error(
        new ApiError(
          403,
          "forbidden",
          "This is a beta resource: send the header LD-API-Version: beta to use it",
        ),
      );
    }

    const taken = faults.take({
      operationId: operation.operationId,
      pathTemplate: operation.pathTemplate,
      params,
    });
    for (const fault of taken) {
      if (fault.kind === "latency") {
        applied.push("latency");
        await sleep(faults.latencyOf(fault));
      }
    }
    if (stopped) return;

    let rateHeaders: Record<string, string> = {};
    if (faults.rateLimit) {
      const decision = rateLimiter.check(
        faults.rateLimit,
        operation.operationId,
        operation.pathTemplate,
      );
      rateHeaders = decision.headers;
      if (!decision.allowed) {
        applied.push("rate-limit");
        return error(rateLimited(), rateHeaders);
      }
    }
    for (const fault of taken) {
      if (fault.kind === "rate-limited") {
        applied.push(fault.kind);
        const headers: Record<string, string> = { ...rateHeaders };
        const header = fault.header ?? "retry-after";
        if (header === "retry-after") headers["Retry-After"] = String(fault.retryAfterSeconds ?? 1);
        if (header === "ratelimit-reset")
          headers["X-Ratelimit-Reset"] = String(Date.now() + (fault.resetAfterMs ?? 1_000));
        if (header === "none") {
          delete headers["X-Ratelimit-Reset"];
        }
        return error(rateLimited(), headers);
      }
      if (fault.kind === "server-error") {
        applied.push(fault.kind);
        const status = fault.status ?? 503;
        return error(
          new ApiError(status, "internal_server_error", `Simulated ${status}`),
          rateHeaders,
        );
      }
      if (fault.kind === "forbidden") {
        applied.push(fault.kind);
        return error(
          new ApiError(403, "forbidden", "Access to the requested resource was denied"),
          rateHeaders,
        );
      }
    }

    if (!route) {
      return error(notFound(`${operation.operationId} is not simulated (yet)`), rateHeaders);
    }
    let body: unknown;
    try {
      body = route.handle({
        path: url.pathname,
        query: url.searchParams,
        params,
        operationId: operation.operationId,
        apiVersion,
        dataset,
        options: resolved,
      });
    } catch (err) {
      if (err instanceof ApiError) return error(err, rateHeaders);
      throw err;
    }
    const bodyFault = taken.find(
      (fault) =>
        fault.kind === "malformed-json" ||
        fault.kind === "connection-reset" ||
        fault.kind === "slow-body",
    );
    if (bodyFault) applied.push(bodyFault.kind);
    for (const fault of taken) {
      if (fault.kind === "mutate") {
        applied.push(fault.kind);
        mutateAfterPage(fault, operation.operationId, params, body);
      }
    }
    return send({ status: 200, body, headers: rateHeaders }, bodyFault);
  }

  function mutateAfterPage(
    fault: Extract<Fault, { kind: "mutate" }>,
    operationId: string,
    params: Record<string, string>,
    body: unknown,
  ): void {
    const kind = mutableLists[operationId];
    if (!kind) return;
    const items = (body as { items?: { key?: string }[] }).items ?? [];
    const key = fault.key ?? items[0]?.key;
    if (key === undefined) return;
    if (kind === "project") dataset.delete("project", key);
    else if (params.projectKey !== undefined) {
      if (fault.action === "archive" && kind === "flag")
        dataset.archiveFlag(params.projectKey, key);
      else dataset.delete(kind, params.projectKey, key);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ code: "internal_server_error", message: String(err) }));
      } else {
        res.destroy();
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error("Simulator did not get a TCP address");
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    accessToken: resolved.accessToken,
    options: resolved,
    requests,
    faults,
    truth: () => dataset.truth(),
    appendAuditEntries: (input) => dataset.auditLog.append(input),
    archiveFlag: (projectKey, flagKey) => dataset.archiveFlag(projectKey, flagKey),
    deleteResource: (kind, projectKey, key) => dataset.delete(kind, projectKey, key),
    setSemantics(semantics) {
      Object.assign(resolved.semantics, semantics);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

function rateLimited(): ApiError {
  return new ApiError(429, "rate_limited", "You've exceeded the API rate limit. Try again later.");
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
