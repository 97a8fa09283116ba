import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Shared ESLint flat config: type-checked typescript-eslint rules for every package.
 * `allowConsole` is for the CLI only; everything else logs through a logger.
 * @param {{ allowConsole?: boolean }} [options]
 */
export function baseConfig(options = {}) {
  return tseslint.config(
    { ignores: ["dist/**", ".cache/**", "src/generated/**", "coverage/**"] },
    eslint.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    ...tseslint.configs.stylisticTypeChecked,
    {
      languageOptions: {
        parserOptions: { projectService: true },
      },
      linterOptions: { reportUnusedDisableDirectives: "error" },
      rules: {
        "@typescript-eslint/consistent-type-imports": [
          "error",
          { prefer: "type-imports", fixStyle: "separate-type-imports" },
        ],
        "@typescript-eslint/no-non-null-assertion": "error",
        "@typescript-eslint/no-unused-vars": [
          "error",
          { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
        ],
        "no-console": options.allowConsole ? "off" : "error",
      },
    },
    {
      files: ["**/*.js", "**/*.mjs"],
      ...tseslint.configs.disableTypeChecked,
    },
  );
}

export default baseConfig();
