import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { system } from "@/modules";
import { unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// GET /api/v1/audit: the audit viewer's listAuditEntries with its filters, paged like the other lists, under
// audit:read.

const caller = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => (caller.user ? { stage: "active", user: caller.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);

async function list(actor: CurrentUser, search: string) {
  caller.user = actor;
  const headers = { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin" };
  const request = new Request(`http://localhost/api/v1/audit${search}`, { headers });
  return handler(request, { params: Promise.resolve({ path: ["audit"] }) });
}

async function reader(permissions: string[]): Promise<CurrentUser> {
  const user = await db.user.create({ data: { email: `${unique("audit-api")}@example.com`, firstName: "Aud", lastName: "It" } });
  return { ...user, sessionId: "test", roles: [], permissions: new Set(permissions), twoFactorEnabled: false };
}

describe("GET /api/v1/audit", () => {
  useTestDatabase();
  let auditor: CurrentUser;
  const target = unique("target").replace(/-/g, "_");

  beforeAll(async () => {
    await seed(db, system, { demoUsers: false });
    auditor = await reader(["audit:read"]);
    const day = (d: number) => new Date(`2026-03-${String(d).padStart(2, "0")}T12:00:00Z`);
    for (let d = 1; d <= 12; d++)
      await db.auditLog.create({
        data: {
          action: d % 2 ? "user.login" : "admin.user_roles",
          targetType: "user",
          targetId: target,
          createdAt: day(d),
          details: { d },
        },
      });
  });

  it("pages the filtered log newest first, with Link headers", async () => {
    const response = await list(auditor, `?target=${target}&size=10&page=1`);
    expect(response.status, await response.clone().text()).toBe(200);
    const body = (await response.json()) as { items: { details: { d: number }; action: string }[]; total: number; pages: number };
    expect(body).toMatchObject({ total: 12, pages: 2, page: 1, size: 10 });
    expect(body.items.map((e) => e.details.d)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(response.headers.get("link")).toMatch(/<\/api\/v1\/audit\?[^>]*page=2[^>]*>; rel="next"/);

    const filtered = (await (
      await list(auditor, `?target=${target}&action=user.login&from=2026-03-03&to=2026-03-07`)
    ).json()) as typeof body;
    expect(filtered.items.map((e) => [e.action, e.details.d])).toEqual([
      ["user.login", 7],
      ["user.login", 5],
      ["user.login", 3],
    ]);
  });

  it("refuses a caller without audit:read with 403, audited", async () => {
    const outsider = await reader(["users:read"]);
    const response = await list(outsider, `?target=${target}`);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe("forbidden");
    expect(await db.auditLog.count({ where: { action: "authz.denied", actorId: outsider.id } })).toBe(1);
  });

  it("refuses filters the viewer refuses with 422, naming the field", async () => {
    for (const [search, field] of [
      ["?from=2026-03-09&to=2026-03-01", "to"],
      ["?action=DROP TABLE", "action"],
      ["?size=7", "size"],
      ["?page=0", "page"],
    ]) {
      const response = await list(auditor, search!);
      expect(response.status, search).toBe(422);
      const problem = (await response.json()) as { code: string; errors: Record<string, string[]> };
      expect(problem.code).toBe("invalid_input");
      expect(Object.keys(problem.errors), search).toContain(field);
    }
  });
});
