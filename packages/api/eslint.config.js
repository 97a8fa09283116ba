import baseConfig from "@cq-launchdarkly/eslint-config";

export default [
  ...baseConfig,
  { files: ["scripts/**"], rules: { "no-console": "off" } },
];
