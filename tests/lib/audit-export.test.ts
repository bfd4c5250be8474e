import { describe, expect, it, vi } from "vitest";
import { audit } from "@/lib/audit";
import { exportAuditCsv } from "@/lib/audit/query";
import { csvField } from "@/lib/csv";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { db } from "@/lib/db";
import { unique, useTestDatabase } from "../helpers/database";

const signedIn = vi.hoisted(() => ({ user: null as { id: string; permissions: ReadonlySet<string> } | null }));
vi.mock("@/lib/auth/current-user", () => ({ currentUser: async () => signedIn.user }));
const exportRoute = await import("@/app/admin/audit/export/route");

function exportRequest(headers: Record<string, string>, body = "action=user.login") {
  return new Request("http://admin.example/admin/audit/export", {
    method: "POST",
    headers: { host: "admin.example", "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}
const post = (request: Request) => exportRoute.POST(request, undefined as never);

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
    for (let i = 0; i < 1_203; i++)
      await db.auditLog.create({ data: { action: "session.revoke", targetType: "session", targetId: target, details: { i } } });
    await audit({ action: "user.login", actorId: id });
    const stream = await exportAuditCsv({ id, permissions: new Set(["audit:export"]) }, auditQuerySchema.parse({ target }), {
      ipAddress: null,
      userAgent: null,
      requestId: null,
    });
    const text = await new Response(stream).text();
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(1 + 1_203);
    // Keyset batches of 500: no row repeated or skipped at the seams.
    const seen = lines.slice(1).map((line) => Number(/""i"":(\d+)/.exec(line)![1]));
    expect(new Set(seen).size).toBe(1_203);
    expect(await db.auditLog.count({ where: { action: "admin.audit_export", actorId: id } })).toBe(1);
  });

  it("exports only on a POST from our own pages: no GET, no cross-site form", async () => {
    // A link (GET) cannot start an export: the route has no GET, and Next answers 405.
    expect("GET" in exportRoute).toBe(false);
    const { id } = await db.user.create({ data: { email: `${unique("csrf")}@example.com`, firstName: "C", lastName: "S" } });
    signedIn.user = { id, permissions: new Set(["audit:read", "audit:export"]) };
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      { origin: "https://evil.example" },
      { origin: "https://sub.admin.example", "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "cross-site" },
      {},
    ];
    for (const headers of foreign) {
      const response = await post(exportRequest(headers));
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    expect(await db.auditLog.count({ where: { action: "admin.audit_export", actorId: id } })).toBe(0);

    const ours = await post(exportRequest({ origin: "http://admin.example", "sec-fetch-site": "same-origin" }));
    expect(ours.status).toBe(200);
    expect((await ours.text()).split("\r\n")[0]).toMatch(/^time,action,/);
    expect(await db.auditLog.findFirst({ where: { action: "admin.audit_export", actorId: id } })).toMatchObject({
      details: { filters: { action: "user.login" } },
    });
    // Bad filters and a body that is not a form are 4xx, never a 500.
    expect((await post(exportRequest({ origin: "http://admin.example" }, "from=2024-13-45"))).status).toBe(400);
    expect(
      (
        await post(
          new Request("http://admin.example/admin/audit/export", {
            method: "POST",
            headers: { host: "admin.example", origin: "http://admin.example", "content-type": "application/json" },
            body: "{",
          }),
        )
      ).status,
    ).toBe(415);
  });
});
