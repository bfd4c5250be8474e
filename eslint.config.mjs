import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import security from "eslint-plugin-security";

// Import boundaries (house rules, checked by tests/lint/boundaries.test.ts):
//   lib/ (the kernel)      never imports app/, components/ or modules/ (the registry included)
//   app/, components/      never import Prisma, generated/ or the client holder: data goes through lib/ functions
//   components/            never imports app/ (shared server actions live in lib/)
//   modules/<id>/          reaches another module only through its index (@/modules/<other>), never the
//                          registry (@/modules) or app/
// The rules read import specifiers, so a file may not climb out of its top-level folder (or a module out of
// its own folder) with "../": crossing goes through the "@/" alias, where the rules can see it.

const SOURCE = "{ts,tsx,mts,cts,js,jsx,mjs,cjs}";
const MAX_DEPTH = 12; // folders below a top-level folder; deeper files fall back to the depth-less rules

const kernel = {
  group: ["@/app", "@/app/**", "@/components", "@/components/**", "@/modules", "@/modules/**"],
  message: "lib/ is the kernel: it never imports app/, components/ or modules/ (the registry included). Invert the dependency.",
};
const data = [
  {
    group: ["@prisma/*", "@/generated", "@/generated/**", "@/lib/db", "@/lib/db-connection"],
    message: "app/ and components/ never touch Prisma: call (or add) a lib/ function that reads or writes the data.",
  },
];
const componentsToApp = {
  group: ["@/app", "@/app/**"],
  message: "components/ never imports app/: move what both need (a server action, a helper) into lib/.",
};
const moduleRules = [
  {
    regex: "^@/modules/?$",
    message: "A module never imports the module registry (@/modules): only app/, scripts/ and tests/ do.",
  },
  {
    regex: "^@/modules/[^/]+/.+",
    message: "Modules talk through each other's public index: import @/modules/<id>, never a file inside it (your own files: relative).",
  },
  { group: ["@/app", "@/app/**"], message: "A module never imports app/." },
];

const nextLink = {
  group: ["next/link"],
  message: "Links are @/components/link: the same soft navigation, without next/link's 2.8 KB gzip on every page.",
};

// What each top-level folder may not import, and how far up "../" may go from a file `depth` folders down.
const areas = [
  { area: "lib", patterns: [kernel], climb: (depth) => depth },
  { area: "app", patterns: [...data, nextLink], climb: (depth) => depth },
  { area: "components", patterns: [...data, componentsToApp, nextLink], climb: (depth) => depth },
  // modules/index.ts (the registry) is depth 0; modules/<id>/x.ts is depth 1 and must stay inside <id>/
  { area: "modules", patterns: [...moduleRules, nextLink], climb: (depth) => Math.max(depth - 1, 0) },
];

function climbPattern(area, depth, allowed) {
  const leaves = area === "modules" && depth > 0 ? "its module's folder" : `${area}/`;
  return {
    regex: `^(\\.\\./){${allowed + 1},}`,
    message: `This relative import leaves ${leaves}: import across folders with the "@/" alias so the boundary rules apply.`,
  };
}

const boundaries = areas.flatMap(({ area, patterns, climb }) => [
  { files: [`${area}/**/*.${SOURCE}`], rules: { "no-restricted-imports": ["error", { patterns }] } },
  ...Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({
    files: [`${area}/${"*/".repeat(depth)}*.${SOURCE}`],
    rules: { "no-restricted-imports": ["error", { patterns: [...patterns, climbPattern(area, depth, climb(depth))] }] },
  })),
]);

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  ...boundaries,
  // eslint-plugin-security's recommended rules on the code that runs on the server or in CI (the security suite,
  // scripts/ci-security.sh, runs them with --max-warnings=0 like `npm run lint`). Two are switched off:
  { files: [`{lib,app,server,scripts}/**/*.${SOURCE}`], ...security.configs.recommended },
  {
    files: [`{lib,app,server,scripts}/**/*.${SOURCE}`],
    rules: {
      // It flags every `object[key]` (array indexes and typed Record lookups included: 67 hits, none reachable with a
      // key a client chose). The threat it stands for, prototype pollution from input, is closed at the boundary:
      // request data is parsed by zod, whose objects keep only the keys the schema names.
      "security/detect-object-injection": "off",
    },
  },
  {
    // Files reached by path from configuration or the repository, never from a request: the embedded database's
    // folder and lock file (DATABASE_URL), the migrations folder, backups (BACKUP_DIR and the operator's restore
    // argument), and the command-line scripts' inputs and outputs.
    files: ["lib/db-connection.ts", "lib/embedded-lock.ts", "lib/migrations.ts", "lib/backup/**/*.ts", `scripts/**/*.${SOURCE}`],
    rules: { "security/detect-non-literal-fs-filename": "off" },
  },
  // CommonJS files (the PostCSS plugin Turbopack loads with require()) import with require() by definition.
  { files: ["**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  { ignores: ["generated/**", ".next/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
