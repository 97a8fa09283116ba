/** `cq-launchdarkly --help`. */
export const USAGE = `cq-launchdarkly: sync LaunchDarkly into a SQLite file, no CloudQuery installation needed.

Usage:
  cq-launchdarkly sync [spec files or dirs...] [--demo] [--db PATH] [--fail-on-warning]
  cq-launchdarkly migrate [spec files or dirs...] [--db PATH]
  cq-launchdarkly test-connection [spec files or dirs...] [--demo]
  cq-launchdarkly tables [--format text|markdown|json]

Without spec files, sync reads every table into ./launchdarkly.db with the token in LD_ACCESS_TOKEN.
Spec files use CloudQuery's format: a "kind: source" document (this plugin) and a
"kind: destination" document (SQLite), with \${ENV_VAR} and \${file:./path} expansion.

Options:
  --demo                 sync from the built-in LaunchDarkly simulator (no account or token needed)
  --db PATH              the SQLite file (overrides the destination's connection_string)
  --fail-on-warning      exit 1 when a table had a warning (e.g. the token may not read it)
  --format FORMAT        tables: text (default), markdown or json
  --log-format FORMAT    text (default) or json (JSON lines on stdout)
  --log-level LEVEL      debug, info, warn or error (default: warn for text, info for json)
  -h, --help             show this help
  -V, --version          show the version

Exit codes: 0 every table synced (warnings allowed), 1 a table or the sync failed,
2 bad arguments, spec, token or database path, 130/143 interrupted (SIGINT/SIGTERM).
`;
