/**
 * Prints figure lines to stdout. Tests and benchmarks print their tables through this one
 * function so the rest of the package stays free of direct output (the lint rule `no-console`).
 * `process.stdout.write` is used rather than `console.log`, which vitest would buffer per test.
 */
export function printLine(line = ""): void {
  process.stdout.write(`${line}\n`);
}
