import baseConfig from "@cq-launchdarkly/eslint-config";

export default baseConfig;
