import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every test reaches the REST router through documentedRestHandler (tests/helpers/openapi-validate.ts), which holds
// each answer to the OpenAPI document: a test that built the router itself would let an undocumented answer pass.

const root = fileURLToPath(new URL("../..", import.meta.url));
const helper = "tests/helpers/openapi-validate.ts";

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** Whether a test file's source reaches the router other than through the helper. */
const buildsRouterItself = (source: string) => /\brestHandler\b/.test(source) || /["']@\/lib\/kernel\/rest["']/.test(source);

describe("API tests", () => {
  it("build the router only through documentedRestHandler", () => {
    const offenders = filesUnder("tests")
      .map((file) => relative(root, join(root, file)))
      .filter((file) => file !== helper && file !== "tests/lint/documented-api.test.ts")
      .filter((file) => buildsRouterItself(readFileSync(join(root, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("recognise a test that imports the router itself", () => {
    expect(buildsRouterItself('import { restHandler } from "@/lib/kernel/rest";')).toBe(true);
    expect(buildsRouterItself('const { restHandler } = await import("@/lib/kernel/rest");')).toBe(true);
    expect(buildsRouterItself('import { documentedRestHandler } from "../../helpers/openapi-validate";')).toBe(false);
  });
});
