import baseConfig from "@cq-launchdarkly/eslint-config";

export default [
  ...baseConfig,
  // Scripts and README examples talk to the terminal.
  { files: ["scripts/**", "examples/**"], rules: { "no-console": "off" } },
];
