import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe("cli", () => {
  it("serves the chosen size and prints the URL and token", async () => {
    const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", cli, "--port", "0", "--size", "tiny", "--flags", "7"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
          if (text.includes("try:")) resolve(text);
        });
        child.on("exit", (code) => reject(new Error(`cli exited with ${code}: ${text}`)));
      });
      const url = /base URL:\s+(\S+)/.exec(output)?.[1] ?? "";
      const token = /access token:\s+(\S+)/.exec(output)?.[1] ?? "";
      expect(output).toMatch(/3 projects x 4 environments x 7 flags/);
      const response = await fetch(`${url}/api/v2/flags/default`, {
        headers: { Authorization: token },
      });
      expect(((await response.json()) as { totalCount: number }).totalCount).toBeLessThanOrEqual(7);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
