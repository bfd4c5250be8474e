import { fileURLToPath } from "node:url";

// Next's own PostCSS set-up (flexbug fixes, preset-env) is replaced by this file: Bootstrap's stylesheet comes
// prefixed already and ours uses nothing they rewrite. The one step here trims Bootstrap to what the pages use,
// in production builds only: `next dev` would not purge again when a page starts using a new class. The page
// budgets (scripts/page-budgets.mjs) fail a build whose stylesheet was not trimmed. An absolute path: Turbopack
// resolves plugin names from its own folder, not this one.
const purgeBootstrap = fileURLToPath(new URL("./styles/purge-bootstrap.cjs", import.meta.url));
const config = { plugins: process.env.NODE_ENV === "production" ? [purgeBootstrap] : [] };

export default config;
