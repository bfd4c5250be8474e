// PostCSS plugin (postcss.config.mjs): Bootstrap's stylesheet less every rule no page can use, measured against
// the source. Bootstrap ships all its components and utilities (30 KB gzip on every first load); the pages use
// a few. Only Bootstrap's file is purged: the API reference's stylesheet (Scalar) and our own stay whole.
const path = require("node:path");
const purgeCSSPlugin = require("@fullhuman/postcss-purgecss");

const bootstrapCss = path.join("node_modules", "bootstrap", "dist", "css", "bootstrap.min.css");

// Next runs in the project folder; bundled for the build, this file cannot tell where it lives itself.
const root = process.cwd();

// Bootstrap's defaults for plain elements (its reboot) stay whole: markup we do not write, the API reference's
// (Scalar's <kbd>, say), renders inside our pages and looks as it did with them.
const rebootElements = (
  "a abbr address b blockquote body button caption code dd dl dt fieldset figure h1 h2 h3 h4 h5 h6 hr iframe img " +
  "input kbd label legend mark ol optgroup output p pre progress samp select small strong sub summary sup svg table " +
  "tbody td textarea tfoot th thead tr ul"
).split(" ");

const purge = purgeCSSPlugin({
  content: [
    // Class names as the source writes them: in className strings, conditionals, and the theme's attribute.
    path.join(root, "{app,components,modules,lib}/**/*.{ts,tsx}"),
    path.join(root, "system.config.ts"),
    // The react-bootstrap widgets in use put their own class names on the page.
    path.join(root, "node_modules/react-bootstrap/esm/{Modal,ModalDialog,ModalHeader,ModalBody,ModalFooter,ModalTitle}.js"),
    path.join(root, "node_modules/react-bootstrap/esm/{AbstractModalHeader,BootstrapModalManager,CloseButton,Fade}.js"),
    path.join(root, "node_modules/react-bootstrap/esm/{Toast,ToastBody,ToastContainer,ToastFade,ToastHeader}.js"),
  ],
  // Names built from a prefix at run time, which no source file spells out whole: react-bootstrap's
  // `${prefix}-dialog`, our `btn-${variant}` and `alert-${variant}`, and the transition states.
  safelist: {
    standard: [/^modal/, /^toast/, /^btn-/, /^alert-/, "fade", "show", "showing", "hide", "collapsing", ...rebootElements],
    // Dark mode: the theme attribute's rules and every component's dark variables.
    greedy: [/data-bs-theme/],
  },
  // Keep every custom property and keyframe: they are cheap, and components read them indirectly.
  variables: false,
  keyframes: false,
});

module.exports = () => ({
  postcssPlugin: "purge-bootstrap",
  async OnceExit(css, helpers) {
    const file = css.source?.input.file ?? "";
    if (file.endsWith(bootstrapCss)) await purge.OnceExit(css, helpers);
  },
});
module.exports.postcss = true;
