import { describe, expect, it } from "vitest";

import { parseDuration, parseSpec, resolveStartTime, SpecError, specJsonSchema } from "./spec.js";

const TOKEN = "api-0123456789-super-secret";

function problems(input: unknown): string[] {
  try {
    parseSpec(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    const specError = error as SpecError;
    expect(specError.message).not.toContain(TOKEN);
    for (const problem of specError.problems) expect(problem).not.toContain(TOKEN);
    return [...specError.problems];
  }
  throw new Error("expected a SpecError");
}

describe("parseSpec", () => {
  it("applies defaults and camelCases", () => {
    expect(parseSpec(JSON.stringify({ access_token: TOKEN }))).toEqual({
      accessToken: TOKEN,
      timeoutSecs: 30,
      instance: "us",
      concurrency: 8,
      maxRetries: 5,
      includeSecrets: false,
      batchSize: 1000,
      batchSizeBytes: 4 * 1024 * 1024,
      auditLog: { details: false },
    });
  });

  it("takes every field", () => {
    expect(
      parseSpec({
        access_token: TOKEN,
        timeout_secs: 5,
        base_url: "http://127.0.0.1:8080/",
        concurrency: 2,
        max_retries: 0,
        projects: ["a", "b"],
        include_secrets: true,
        batch_size: 10,
        batch_size_bytes: 2048,
        audit_log: { start_time: "720h", spec: "proj/*", details: true },
      }),
    ).toEqual({
      accessToken: TOKEN,
      timeoutSecs: 5,
      baseUrl: "http://127.0.0.1:8080",
      concurrency: 2,
      maxRetries: 0,
      projects: ["a", "b"],
      includeSecrets: true,
      batchSize: 10,
      batchSizeBytes: 2048,
      auditLog: { startTime: "720h", spec: "proj/*", details: true },
    });
  });

  it("says no credentials provided when the token is missing or empty", () => {
    expect(problems({})).toEqual([
      expect.stringContaining("spec.access_token is required: no credentials provided"),
    ]);
    expect(problems("")).toEqual([expect.stringContaining("no credentials provided")]);
    expect(problems({ access_token: "" })).toEqual([
      "spec.access_token must be a non-empty string",
    ]);
  });

  it.each([
    [{ timeout_secs: 0 }, "spec.timeout_secs must be an integer >= 1"],
    [{ timeout_secs: "30" }, "spec.timeout_secs must be an integer >= 1"],
    [{ concurrency: 1.5 }, "spec.concurrency must be an integer >= 1 and <= 1000"],
    [{ max_retries: -1 }, "spec.max_retries must be an integer >= 0 and <= 100"],
    [{ instance: "asia" }, 'spec.instance must be one of "us", "eu", "federal"'],
    [{ base_url: "ftp://x" }, "spec.base_url must be an http(s) URL"],
    [{ projects: "default" }, "spec.projects must be a list of unique non-empty strings"],
    [{ projects: ["a", ""] }, "spec.projects[1] must be a non-empty string"],
    [{ projects: ["a", "a"] }, "spec.projects must not contain duplicates"],
    [{ include_secrets: "yes" }, "spec.include_secrets must be a boolean (true or false)"],
    [{ batch_size: 0 }, "spec.batch_size must be an integer >= 1"],
    [{ batch_size_bytes: 10 }, "spec.batch_size_bytes must be an integer >= 1024"],
    [{ audit_log: [] }, "spec.audit_log must be an object"],
    [
      { audit_log: { start_time: "yesterday" } },
      "spec.audit_log.start_time must be an RFC 3339 timestamp (2024-01-01T00:00:00Z) or a duration such as 720h",
    ],
    [{ audit_log: { details: 1 } }, "spec.audit_log.details must be a boolean (true or false)"],
    [
      { audit_log: { verbose: true } },
      "spec.audit_log.verbose is not a known option (known options: start_time, spec, details)",
    ],
    [
      { base_url: "http://localhost", instance: "eu" },
      "spec.base_url and spec.instance are mutually exclusive: set only one of them",
    ],
  ])("rejects %j with one message naming the field", (extra, message) => {
    expect(problems({ access_token: TOKEN, ...extra })).toEqual([message]);
  });

  it("rejects unknown keys and lists the known ones", () => {
    expect(problems({ access_token: TOKEN, token: TOKEN })).toEqual([
      expect.stringMatching(
        /^spec\.token is not a known option \(known options: access_token, timeout_secs/,
      ),
    ]);
  });

  it("reports every problem at once", () => {
    const all = problems({ timeout_secs: -1, concurrency: "x", bogus: 1 });
    expect(all).toHaveLength(4);
    expect(() => parseSpec({ timeout_secs: -1, concurrency: "x", bogus: 1 })).toThrow(
      /invalid spec \(4 problems\)/,
    );
  });

  it("never echoes the token, also not from invalid JSON", () => {
    expect(problems(`{"access_token": "${TOKEN}", }`)).toEqual(["spec is not valid JSON"]);
    expect(problems(`{"access_token": ${TOKEN}}`)).toEqual(["spec is not valid JSON"]);
    expect(problems({ access_token: TOKEN, timeout_secs: TOKEN, instance: TOKEN })).toHaveLength(2);
    expect(problems({ access_token: [TOKEN] })).toEqual([
      "spec.access_token must be a non-empty string",
    ]);
  });

  it("rejects a non-object spec", () => {
    expect(problems("[1]")).toEqual(["spec must be an object (the plugin's nested `spec:` block)"]);
  });

  it("has a description on every field and forbids extra keys at every level", () => {
    const visit = (node: Record<string, unknown>, path: string) => {
      if (node.type === "object") expect(node.additionalProperties, path).toBe(false);
      for (const [key, child] of Object.entries(
        (node.properties ?? {}) as Record<string, Record<string, unknown>>,
      )) {
        expect(typeof child.description, `${path}.${key}`).toBe("string");
        visit(child, `${path}.${key}`);
      }
    };
    visit(specJsonSchema, "spec");
  });
});

describe("durations and start times", () => {
  it("parses Go durations", () => {
    expect(parseDuration("720h")).toBe(720 * 3_600_000);
    expect(parseDuration("1h30m")).toBe(90 * 60_000);
    expect(parseDuration("1.5s")).toBe(1500);
    expect(parseDuration("10")).toBeUndefined();
    expect(parseDuration("h")).toBeUndefined();
  });

  it("resolves a start time", () => {
    const now = new Date("2024-02-01T00:00:00Z");
    expect(resolveStartTime("24h", now)?.toISOString()).toBe("2024-01-31T00:00:00.000Z");
    expect(resolveStartTime("2024-01-01T10:00:00+02:00", now)?.toISOString()).toBe(
      "2024-01-01T08:00:00.000Z",
    );
    expect(resolveStartTime(undefined, now)).toBeUndefined();
  });
});
