import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { ForbiddenError } from "@/lib/authz";
import { db } from "@/lib/db";
import { findRecipients } from "@/lib/email/recipients";
import { rateLimits } from "@/lib/rate-limit";
import { seed } from "@/lib/seed";
import { system } from "@/modules";
import { apiRequest, apiRoute } from "../../helpers/api-request";
import { unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";
import { personWithRoles } from "../../helpers/people";

// The compose form's people picker: GET /api/v1/emails/recipients?q= for holders of email:send, answering id,
// name and address of at most ten people an email could reach, rate-limited per sender.

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-user")>()),
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);
const lookup = (user: CurrentUser, q: string) => {
  session.user = user;
  const path = `/emails/recipients?q=${encodeURIComponent(q)}`;
  return handler(apiRequest("GET", path), apiRoute("/emails/recipients"));
};

const sender = () => personWithRoles([], { extra: ["email:send"] });

/** `count` people whose last name is `lastName`, confirmed and active unless told otherwise. */
async function people(lastName: string, count: number, data: Record<string, unknown> = {}) {
  await db.user.createMany({
    data: Array.from({ length: count }, () => ({
      email: `${unique("pick")}@example.com`,
      firstName: "Pia",
      lastName,
      emailVerified: new Date(),
      ...data,
    })),
  });
}

describe("the compose form's people lookup", () => {
  useTestDatabase();
  beforeAll(() => seed(db, system, { demoUsers: false }));

  it("needs email:send", async () => {
    const nobody = await personWithRoles(["user"]);
    expect((await lookup(nobody, "pia")).status).toBe(403);
    await expect(findRecipients(nobody, "pia")).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("answers id, name and address of at most ten people it could reach, by a name or part of an address", async () => {
    const name = unique("Picker").replace(/-/g, "");
    await people(name, 12);
    await people(name, 1, { emailVerified: null });
    await people(name, 1, { status: "DISABLED" });
    await people(name, 1, { deletedAt: new Date() });
    const response = await lookup(await sender(), name.toLowerCase());
    expect(response.status).toBe(200);
    const found = (await response.json()) as Record<string, unknown>[];
    expect(found).toHaveLength(10);
    for (const person of found) {
      expect(Object.keys(person).sort()).toEqual(["email", "id", "name"]);
      expect(person.name).toBe(`Pia ${name}`);
    }
    const reachable = await db.user.findMany({
      where: { lastName: name, status: "ACTIVE", deletedAt: null, emailVerified: { not: null } },
    });
    expect(found.every((person) => reachable.some((user) => user.id === person.id))).toBe(true);

    const one = reachable[0]!;
    const byAddress = (await (await lookup(await sender(), one.email.split("@")[0]!.toUpperCase())).json()) as { id: string }[];
    expect(byAddress.map((person) => person.id)).toEqual([one.id]);
  });

  it("refuses fewer than two letters", async () => {
    const response = await lookup(await sender(), " a ");
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: "invalid_input" });
  });

  it("is rate-limited per sender", async () => {
    const actor = await sender();
    for (let i = 0; i < rateLimits.emailRecipientLookup.limit; i++) expect((await findRecipients(actor, "zz")).ok).toBe(true);
    expect(await findRecipients(actor, "zz")).toMatchObject({ ok: false, status: 429, code: "rate_limited" });
    const response = await lookup(actor, "zz");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    // Another sender is not held back.
    expect((await findRecipients(await sender(), "zz")).ok).toBe(true);
  });
});
