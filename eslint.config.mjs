import { builtinModules } from "node:module";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers (docs/architecture.md): app/ reaches the domain and the database only through lib/
// (lib/domain.ts is the app's door to workflows/); workflows/ is pure (no lib/, no Node built-ins,
// no Prisma); production code never imports the test helpers under test/. An import across one of
// these edges is a lint error, so `npm run lint` fails on it (test/layers.test.ts checks each edge).
// Each rule is written for `@/…` and for relative paths (`../../workflows/…`).
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const at = (folder) => `^(@/|(\\.\\./)+)${folder}`;
const TEST_HELPERS = { regex: `${at("test")}(/|$)`, message: "Test helpers (test/) are not production code: import them from tests only." };
const APP_EDGES = [
  { regex: `${at("workflows")}(/|$)`, message: "app/ imports the domain from @/lib/domain (the one re-export of workflows/), never workflows/ directly." },
  { regex: `${at("lib/db")}(/|$)`, message: "app/ never touches the database: call a use case in lib/ instead of @/lib/db." },
  { regex: `${at("lib/generated")}(/|$)`, message: "app/ never imports the generated Prisma clients: call a use case in lib/." },
  { regex: "^@prisma/", message: "app/ never imports Prisma: call a use case in lib/." },
];
const OUTSIDE_NEXT = { regex: `${at("lib/outside-next")}$`, message: "lib/outside-next is for entry points that run outside Next (server.ts, scripts, the seed)." };
const NODE_BUILTINS = [...new Set(builtinModules.map((m) => m.split("/")[0]).filter((m) => !m.startsWith("_")))];
const WORKFLOW_EDGES = [
  { regex: `${at("lib")}(/|$)`, message: "workflows/ is pure: it imports nothing of lib/ (lib/ depends on workflows/, not the other way)." },
  { regex: `^(node:|(${NODE_BUILTINS.map(escape).join("|")})(/|$))`, message: "workflows/ is pure: no Node built-ins (time, ids and I/O come in through the event and the context)." },
  { regex: "^(@prisma/|prisma(/|$)|pg$|better-sqlite3$)", message: "workflows/ is pure: no database clients." },
];
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });
const TESTS = ["**/*.test.ts", "**/*.test.tsx"];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", ".next-*/**", "data/**", "lib/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      // Scripts and tests use require.main and dynamic requires where Node needs them.
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Layers. In flat config a later block replaces an earlier block's options for the same rule, so
  // each block lists every edge its files may not cross.
  { files: ["app/**/*.{ts,tsx}"], ignores: TESTS, rules: restrict(...APP_EDGES, TEST_HELPERS, OUTSIDE_NEXT) },
  { files: TESTS.map((t) => `app/${t}`), rules: restrict(...APP_EDGES) },
  { files: ["lib/**/*.{ts,tsx}"], ignores: TESTS, rules: restrict(TEST_HELPERS, OUTSIDE_NEXT) },
  { files: ["workflows/**/*.{ts,tsx}"], ignores: TESTS, rules: restrict(...WORKFLOW_EDGES, TEST_HELPERS) },
  { files: TESTS.map((t) => `workflows/${t}`), rules: restrict(...WORKFLOW_EDGES) },
];

export default config;
