// First-load weight of a page in a production build (`next build`), read from the build's own manifests, so
// pages behind a sign-in are measured as easily as public ones and no server has to run: the framework's
// runtime (build-manifest.json's rootMainFiles) plus every chunk and stylesheet the page's client reference
// manifest lists for its segments (layouts, boundaries, the page). Sizes are gzip, as a first visit downloads
// them; byte counts are stable from build to build where timings are not.
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

function gzipBytes(distDir, files) {
  let total = 0;
  for (const file of new Set(files)) total += gzipSync(readFileSync(path.join(distDir, file))).length;
  return total;
}

/** The client reference manifest of an app route ("(auth)/login/page"), as Next writes it for the server. */
function clientManifest(distDir, route) {
  const file = path.join(distDir, "server", "app", `${route}_client-reference-manifest.js`);
  const sandbox = { globalThis: {} };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  const manifests = Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {});
  if (manifests.length !== 1) throw new Error(`${file}: expected one manifest, found ${manifests.length}`);
  return manifests[0];
}

/** The framework's own JavaScript, loaded by every page before any of the application's. */
function runtimeFiles(distDir = ".next") {
  return JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")).rootMainFiles;
}

/** First-load JS and CSS of an app route, in KB gzip. */
export function pageWeight(route, distDir = ".next") {
  const manifest = clientManifest(distDir, route);
  const js = [...runtimeFiles(distDir), ...Object.values(manifest.entryJSFiles).flat()];
  const css = Object.values(manifest.entryCSSFiles)
    .flat()
    .map((entry) => entry.path);
  return { jsKB: kb(gzipBytes(distDir, js)), cssKB: kb(gzipBytes(distDir, css)) };
}

/** The framework runtime alone, in KB gzip: the floor no page goes under. */
export function runtimeWeight(distDir = ".next") {
  return kb(gzipBytes(distDir, runtimeFiles(distDir)));
}
