import { describe, expect, it } from "vitest";
import { declarePermissions } from "@/lib/authz/declare";
import { defineModule } from "@/lib/kernel/module";
import { composeModules } from "@/lib/kernel/registry";
import { system } from "@/modules";

const notes = declarePermissions("notes", { read: "Read notes", write: "Write notes" });
const notesModule = defineModule({
  id: "notes",
  label: "Notes",
  permissions: notes,
  auditActions: { "notes.create": "Note created" },
  nav: [{ href: "/notes", label: "Notes", permission: notes.read, area: "app", order: 5 }],
  defaultGrants: { user: [notes.read], manager: [notes.read, notes.write] },
  auditTargets: { note: (id) => `/notes/${id}` },
});

describe("composing modules", () => {
  it("collects permissions, audit actions, menus, grants and target links from the declarations", () => {
    const composed = composeModules([...system.modules, notesModule]);
    expect(composed.permissions.map((p) => p.key)).toEqual(expect.arrayContaining(["users:read", "notes:read", "notes:write"]));
    expect(composed.permissions.find((p) => p.key === "notes:read")).toMatchObject({ module: "notes", requiresTwoFactor: false });
    expect(composed.permissions.find((p) => p.key === "users:read")).toMatchObject({ module: "users", requiresTwoFactor: true });
    expect(composed.auditActions.get("notes.create")).toBe("Note created");
    expect(composed.auditActions.get("authz.denied")).toBe("Permission refused");
    expect(composed.nav.map((n) => n.href).slice(0, 2)).toEqual(["/admin", "/notes"]);
    expect([...composed.defaultGrants.get("manager")!]).toEqual(expect.arrayContaining(["users:read", "notes:write"]));
    expect(composed.auditTargetHref("note", "n1")).toBe("/notes/n1");
    expect(composed.auditTargetHref("user", "u/1")).toBe("/admin/users/u%2F1");
    expect(composed.auditTargetHref("nothing", "x")).toBeNull();
  });

  it("refuses two modules that claim the same id, permission, audit action or target type", () => {
    expect(() => composeModules([notesModule, notesModule])).toThrow(/Two modules are called "notes"/);
    const clash = (overrides: object) => composeModules([notesModule, { ...defineModule({ id: "other", label: "Other" }), ...overrides }]);
    expect(() => clash({ permissions: notes })).toThrow(/notes:read is declared twice/);
    expect(() => clash({ auditActions: { "notes.create": "again" } })).toThrow(/notes.create is declared twice/);
    expect(() => clash({ auditTargets: { note: () => null } })).toThrow(/"note" is claimed by two modules/);
    expect(() => defineModule({ id: "Bad Id", label: "x" })).toThrow(/lower-case/);
  });
});
