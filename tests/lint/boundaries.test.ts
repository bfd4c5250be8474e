import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The import boundaries in eslint.config.mjs, checked on snippets linted as if they lived at a given path (the
// files need not exist): a rule that silently vanishes from the config fails here.

const root = fileURLToPath(new URL("../..", import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function boundaryErrors(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import "${specifier}";\n`, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

const refused: [file: string, specifier: string, message: RegExp][] = [
  // a. the kernel never imports app/, components/ or modules/
  ["lib/users/list.ts", "@/app/account/actions", /lib\/ is the kernel/],
  ["lib/health.ts", "@/components/site-navbar", /lib\/ is the kernel/],
  ["lib/users/module.ts", "@/modules", /lib\/ is the kernel/],
  ["lib/users/module.ts", "@/modules/projects", /lib\/ is the kernel/],
  ["lib/health.ts", "../app/layout", /leaves lib\//],
  ["lib/auth/sessions.ts", "../../components/site-navbar", /leaves lib\//],
  // b. app/ and components/ never touch Prisma
  ["app/admin/page.tsx", "@prisma/client", /never touch Prisma/],
  ["app/admin/page.tsx", "@prisma/adapter-pg", /never touch Prisma/],
  ["app/(auth)/login/page.tsx", "@/generated/prisma/client", /never touch Prisma/],
  ["app/api/health/route.ts", "@/lib/db", /never touch Prisma/],
  ["app/api/health/route.ts", "@/lib/db-connection", /never touch Prisma/],
  ["components/admin/pagination.tsx", "@prisma/client/runtime/client", /never touch Prisma/],
  ["components/site-footer.tsx", "@/generated/prisma/enums", /never touch Prisma/],
  ["app/admin/users/[id]/page.tsx", "../../../../generated/prisma/client", /leaves app\//],
  // c. modules reach each other through the public index only, never the registry or app/
  ["modules/projects/service.ts", "@/modules/tasks/service", /through each other's public index/],
  ["modules/projects/service.ts", "@/modules/projects/service", /through each other's public index/],
  ["modules/projects/service.ts", "@/modules", /never imports the module registry/],
  ["modules/projects/service.ts", "@/app/layout", /module never imports app\//],
  ["modules/projects/service.ts", "../tasks/service", /leaves its module's folder/],
  ["modules/projects/ui/list.tsx", "../../tasks", /leaves its module's folder/],
  ["modules/index.ts", "../lib/db", /leaves modules\//],
  // d. components/ never imports app/
  ["components/site-navbar.tsx", "@/app/account/actions", /components\/ never imports app\//],
  ["components/admin/toasts.tsx", "../../app/layout", /leaves components\//],
  // e. links are @/components/link, not next/link (its weight on every page)
  ["app/(auth)/login/page.tsx", "next/link", /Links are @\/components\/link/],
  ["components/site-navbar.tsx", "next/link", /Links are @\/components\/link/],
  ["modules/projects/screens/project-page.tsx", "next/link", /Links are @\/components\/link/],
];

const allowed: [file: string, specifier: string][] = [
  ["lib/users/list.ts", "@/lib/db"],
  ["lib/users/list.ts", "@/generated/prisma/client"],
  ["lib/users/module.ts", "@/lib/authz"],
  ["lib/users/list.ts", "../db"],
  ["app/admin/users/page.tsx", "@/lib/users/list"],
  ["app/admin/users/page.tsx", "@/components/admin/pagination"],
  ["app/admin/users/page.tsx", "@/modules"],
  ["app/(auth)/reset-password/reset-password-form.tsx", "../forgot-password/actions"],
  ["components/site-navbar.tsx", "@/lib/auth/sign-out-action"],
  ["components/site-navbar.tsx", "@/components/link"],
  ["modules/projects/service.ts", "@/modules/tasks"],
  ["modules/projects/service.ts", "./schemas"],
  ["modules/projects/ui/list.tsx", "../service"],
  ["modules/projects/service.ts", "@/lib/db"],
  ["modules/index.ts", "./projects"],
  ["tests/lib/users/list.test.ts", "@/modules/projects/service"],
  ["scripts/db.ts", "@/modules"],
];

describe("import boundaries", () => {
  it.each(refused)("%s may not import %s", async (file, specifier, message) => {
    const errors = await boundaryErrors(file, specifier);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each(allowed)("%s may import %s", async (file, specifier) => {
    expect(await boundaryErrors(file, specifier)).toEqual([]);
  });
});
