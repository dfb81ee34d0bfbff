// `npm run lint`. Next's own flat configs: the Next, React, React Hooks, import and jsx-a11y rules
// (core-web-vitals), and typescript-eslint's recommended rules for .ts/.tsx. Next's base config
// gives every file both browser and node globals, so the plain-JavaScript .mjs entry points (the
// CLI, the worker thread, the expression evaluator, the MCP server) are linted too.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // Leaving a key out with a rest pattern (`const { kind: _kind, ...rest } = config`) and
      // an argument kept for the signature's sake are deliberate; prefix those with `_`.
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  globalIgnores([
    // Generated: the Prisma client and the route tables written by `npm run gen:routes`.
    "lib/generated/**",
    "app/api/v1/openapi.json/route-index.generated.ts",
    "lib/api/route-methods.generated.ts",
    // Local data and test output.
    ".data/**",
    "e2e/screenshots/**",
    "playwright-report/**",
    "test-results/**",
  ]),
]);
