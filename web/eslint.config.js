// ESLint for the web UI (issue 17): JavaScript's and typescript-eslint's recommended rules, the
// React hooks rules, and nothing Prettier decides (eslint-config-prettier last). `npm run lint`
// runs this and `prettier --check`; `make test` runs it as the ctest web_lint.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  // The generated wire types are openapi-typescript's output, not ours to lint.
  { ignores: ["dist/", "src/generated/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    rules: {
      // Off: the React Compiler rules of eslint-plugin-react-hooks 7. The UI does not use the
      // compiler, and they reject patterns it relies on throughout: fetching in an effect that
      // first resets its state (set-state-in-effect, 25 places), the "latest value" ref written
      // during render for Leaflet callbacks (refs, 5), Date.now() in a render (purity, 1).
      // Turning them on is a refactor of its own; rules-of-hooks and exhaustive-deps stay errors.
      "react-hooks/set-state-in-effect": "off",
      "react-hooks/refs": "off",
      "react-hooks/purity": "off",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["*.{js,ts}", "scripts/**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
