import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { check as isFormatted, resolveConfig } from "prettier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveNames, generateModule } from "@/scripts/module-new/generate";

// npm run module:new against a scratch copy holding only what the generator reads (modules/, lib/, app/'s
// folders, prisma/schema/): fast, and the repository stays untouched. CI's scripts/ci-module-smoke.sh carries
// a generated module on through migration, typecheck, lint and its tests.

const repo = process.cwd();
const root = mkdtempSync(path.join(tmpdir(), "cornerstone-module-new-"));
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

beforeAll(() => {
  for (const dir of ["modules", "lib", "app", "prisma/schema"]) cpSync(path.join(repo, dir), path.join(root, dir), { recursive: true });
  cpSync(path.join(repo, ".prettierrc.json"), path.join(root, ".prettierrc.json"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync("npx", ["tsx", "scripts/module-new.ts", ...args, "--root", root], { encoding: "utf8", timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("deriveNames", () => {
  it("derives the model, client property, labels and constants from a plural name", () => {
    expect(deriveNames("support-tickets")).toEqual({
      name: "support-tickets",
      plural: "supportTickets",
      client: "supportTicket",
      model: "SupportTicket",
      constant: "SUPPORT_TICKET",
      label: { singular: "Support ticket", plural: "Support tickets" },
    });
    expect(deriveNames("categories")).toMatchObject({ model: "Category", label: { singular: "Category", plural: "Categories" } });
    expect(deriveNames("people", "person")).toMatchObject({ plural: "people", client: "person", model: "Person" });
    expect(deriveNames("v2-items")).toMatchObject({ model: "V2Item", client: "v2Item" });
  });

  it("refuses names that are not plural lower-case URL segments", () => {
    for (const bad of ["Notes", "n", "notes_x", "1notes", "-notes", "a--bs", "notes-", "x".repeat(32)])
      expect(() => deriveNames(bad), bad).toThrow(/is not a module name/);
    expect(() => deriveNames("people")).toThrow(/--singular/);
    expect(() => deriveNames("glass")).toThrow(/--singular/);
    expect(() => deriveNames("notes", "Note")).toThrow(/--singular "Note"/);
  });
});

describe("npm run module:new", () => {
  it("writes the module, its model, its tests and one registry line, formatted", async () => {
    const registryBefore = read("modules/index.ts");
    const { files } = await generateModule(root, "support-tickets");
    expect(files).toEqual([
      "modules/support-tickets/index.ts",
      "modules/support-tickets/permissions.ts",
      "modules/support-tickets/schemas.ts",
      "modules/support-tickets/resources.ts",
      "prisma/schema/support-tickets.prisma",
      "tests/modules/support-tickets.test.ts",
    ]);

    const registry = read("modules/index.ts");
    const added = registry.split("\n").filter((line) => !registryBefore.split("\n").includes(line));
    expect(added).toEqual(['import { supportTicketsModule } from "./support-tickets";', "  supportTicketsModule,"]);
    expect(registry).toMatch(/import \{ projectsModule \} from "\.\/projects";\nimport \{ supportTicketsModule \}/);

    const resources = read("modules/support-tickets/resources.ts");
    expect(resources).toContain('name: "support-tickets"');
    expect(resources).toContain('model: "supportTicket"');
    expect(resources).toContain('label: { singular: "Support ticket", plural: "Support tickets" }');
    expect(resources).toContain('ownership: { kind: "user", field: "ownerId" }');
    expect(resources).toMatch(/example: \(\) => \(\{ title: .*status: "open" \}\)/);
    const index = read("modules/support-tickets/index.ts");
    for (const verb of ["create", "update", "delete", "restore", "purge", "export"]) expect(index).toContain(`"support-tickets.${verb}":`);
    expect(index).toContain('"support-tickets": { permissions: typeof p; auditActions: typeof auditActions }');
    expect(index).toContain('nav: [{ href: "/support-tickets", label: "Support tickets", permission: p.read, area: "app"');
    expect(index).toContain("defaultGrants: { user: [p.read, p.create, p.update, p.delete, p.restore], manager: [p.read_all] }");
    expect(read("modules/support-tickets/permissions.ts")).toContain('declarePermissions("support-tickets", {');
    expect(read("modules/support-tickets/schemas.ts")).toContain('export const SUPPORT_TICKET_STATUSES = ["open", "closed"] as const;');

    const prisma = read("prisma/schema/support-tickets.prisma");
    expect(prisma).toContain("enum SupportTicketStatus {\n  open\n  closed\n}");
    for (const line of [
      "  id        String              @id @default(cuid())",
      "  version   Int                 @default(1)",
      "  status    SupportTicketStatus @default(open)",
      "  ownerId   String",
      "  updatedAt DateTime            @updatedAt",
      "  deletedAt DateTime?",
      "  @@index([ownerId, deletedAt, updatedAt])",
    ])
      expect(prisma).toContain(`${line}\n`);
    expect(prisma).toContain('map: "SupportTicket_title_trgm_idx"');
    expect(read("tests/modules/support-tickets.test.ts")).toContain('import { describeResourceRecords } from "../helpers/module-records";');
    expect(read("tests/modules/support-tickets.test.ts")).toContain('describeResourceRecords("support-tickets");');

    const options = await resolveConfig(path.join(repo, "package.json"));
    for (const file of [...files.filter((f) => f.endsWith(".ts")), "modules/index.ts"])
      expect(await isFormatted(read(file), { ...options, filepath: path.join(root, file) }), file).toBe(true);
  });

  it("refuses a second run, existing modules, resources and permission prefixes, and reserved paths", async () => {
    await expect(generateModule(root, "support-tickets")).rejects.toThrow(/already a module, resource or permission prefix/);
    await expect(generateModule(root, "projects")).rejects.toThrow(/already a module/); // a module folder
    await expect(generateModule(root, "tasks")).rejects.toThrow(/already a module/); // a resource of the projects module
    await expect(generateModule(root, "users")).rejects.toThrow(/already a module/); // a kernel module's permission prefix
    for (const reserved of ["admin", "account", "api", "login", "register", "status", "dev"])
      await expect(generateModule(root, reserved), reserved).rejects.toThrow(/a path the application already serves/);
    await expect(generateModule(root, "sessions")).rejects.toThrow(/already has a model or enum called Session/);
  });

  it("refuses to overwrite a file and then writes nothing at all", async () => {
    mkdirSync(path.join(root, "tests/modules"), { recursive: true });
    writeFileSync(path.join(root, "tests/modules/gadgets.test.ts"), "// mine\n");
    const registry = read("modules/index.ts");
    await expect(generateModule(root, "gadgets")).rejects.toThrow("Refusing to overwrite tests/modules/gadgets.test.ts.");
    expect(existsSync(path.join(root, "modules/gadgets"))).toBe(false);
    expect(read("modules/index.ts")).toBe(registry);
    expect(read("tests/modules/gadgets.test.ts")).toBe("// mine\n");
  });

  it("runs from the command line: next steps on success, the reason and exit code 1 on refusal", () => {
    const made = cli("people", "--singular", "person");
    expect(made.status, made.output).toBe(0);
    expect(made.output).toContain("npm run db:migration -- people");
    expect(made.output).toContain("http://localhost:3000/people");
    expect(read("prisma/schema/people.prisma")).toContain("model Person {");
    const refused = cli("Bad");
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('"Bad" is not a module name');
    expect(refused.output).not.toContain("    at "); // a message, not a stack
  });
});
