import { describe, expect, it } from "vitest";
import { audit } from "@/lib/audit";
import { csvField, exportAuditCsv } from "@/lib/audit/query";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { db } from "@/lib/db";
import { unique, useTestDatabase } from "../helpers/database";

describe("audit log export", () => {
  useTestDatabase();

  it("quotes CSV fields and defuses spreadsheet formulas", () => {
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(null)).toBe("");
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
  });

  it("streams every matching entry across batches", async () => {
    const target = unique("target");
    const { id } = await db.user.create({ data: { email: `${unique("exp")}@example.com`, firstName: "E", lastName: "X" } });
    for (let i = 0; i < 1_203; i++) await db.auditLog.create({ data: { action: "session.revoke", targetType: "session", targetId: target, details: { i } } });
    await audit({ action: "user.login", actorId: id });
    const stream = await exportAuditCsv({ id, permissions: new Set(["audit:export"]) }, auditQuerySchema.parse({ target }), { ipAddress: null, userAgent: null, requestId: null });
    const text = await new Response(stream).text();
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(1 + 1_203);
    // Keyset batches of 500: no row repeated or skipped at the seams.
    const seen = lines.slice(1).map((line) => Number(/""i"":(\d+)/.exec(line)![1]));
    expect(new Set(seen).size).toBe(1_203);
    expect(await db.auditLog.count({ where: { action: "admin.audit_export", actorId: id } })).toBe(1);
  });
});
