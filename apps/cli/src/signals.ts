import { setMaxListeners } from "node:events";

import type { CliOutput } from "./output/cli-output.js";
import { EXIT } from "./cli-error.js";

/** The signal that stopped a sync, if any. */
export interface StopSignals {
  /** Aborted on the first SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
  /** Which signal arrived first. */
  readonly received: NodeJS.Signals | undefined;
  /** Removes the handlers. */
  dispose(): void;
}

/**
 * The first SIGINT (Ctrl-C) or SIGTERM aborts the sync cleanly (rows written so far are kept, the
 * audit-log cursor is not advanced); a second one exits at once.
 */
export function watchStopSignals(output: CliOutput): StopSignals {
  const controller = new AbortController();
  // Every request in flight listens to it.
  setMaxListeners(0, controller.signal);
  let received: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      output.notice(`Received ${signal} again: exiting now.`);
      process.exit(signal === "SIGTERM" ? EXIT.sigterm : EXIT.sigint);
    }
    received = signal;
    output.notice(
      `Received ${signal}: stopping. Rows already received are written and kept; the audit-log cursor is not advanced. ${signal === "SIGINT" ? "Press Ctrl-C again to quit at once." : ""}`.trim(),
    );
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    dispose() {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}
