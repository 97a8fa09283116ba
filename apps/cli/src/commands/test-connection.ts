import { testConnection } from "@cq-launchdarkly/core";

import type { ConfigArguments } from "../config/load-sync-config.js";
import type { CliOutput } from "../output/cli-output.js";
import { EXIT } from "../cli-error.js";
import { openSession } from "../session.js";

/** Options of `cq-launchdarkly test-connection`. */
export interface TestConnectionCommandOptions extends ConfigArguments {
  /** Where everything is printed. */
  output: CliOutput;
}

/**
 * `cq-launchdarkly test-connection`: validates the spec and checks the token against
 * `/api/v2/caller-identity`, printing CloudQuery's failure codes (`INVALID_SPEC`,
 * `INVALID_CREDENTIALS`, `FORBIDDEN`, `CONNECTION_FAILED`).
 * @returns the process exit code.
 */
export async function testConnectionCommand(
  options: TestConnectionCommandOptions,
): Promise<number> {
  const { output } = options;
  const session = await openSession(options, output);
  try {
    const result = await testConnection(session.spec);
    const target = session.spec.baseUrl ?? `the ${session.spec.instance ?? "us"} instance`;
    output.event("test_connection", { target, ...result });
    if (result.success) {
      output.print(`Connection OK: the access token can read ${target}.`);
      return EXIT.ok;
    }
    output.error(
      `Connection failed (${result.failureCode ?? "UNKNOWN"}): ${result.failureDescription ?? "no details"}`,
    );
    return EXIT.syncFailed;
  } finally {
    await session.close();
  }
}
