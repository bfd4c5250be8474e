import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { claimIdempotencyKey } from "@/lib/kernel/idempotency";
import { system } from "@/modules";
import { unique, useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// Idempotency-Key on a record create: a retry gets the first answer and nothing is created twice.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);
const person = (): CurrentUser => ({
  id: unique("idem"),
  sessionId: "s",
  email: `${unique("idem")}@example.com`,
  firstName: "I",
  lastName: "K",
  roles: [],
  permissions: new Set(["projects:create", "projects:read"]),
  twoFactorEnabled: false,
});

function post(user: CurrentUser, body: unknown, key?: string) {
  session.user = user;
  const headers: Record<string, string> = { host: "localhost", origin: "http://localhost", "content-type": "application/json" };
  if (key !== undefined) headers["idempotency-key"] = key;
  const request = new Request("http://localhost/api/v1/projects", { method: "POST", headers, body: JSON.stringify(body) });
  return handler(request, { params: Promise.resolve({ path: ["projects"] }) });
}

const owned = (user: CurrentUser) => db.project.count({ where: { ownerId: user.id } });
const code = async (response: Response) => ((await response.json()) as { code: string }).code;

describe("Idempotency-Key on POST creates", () => {
  useTestDatabase();

  it("answers a retry with the first answer, marked replayed, and creates one record", async () => {
    const user = person();
    const body = { name: unique("project") };
    const first = await post(user, body, "key-1");
    expect(first.status).toBe(201);
    const again = await post(user, body, "key-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(again.headers.get("content-type")).toBe("application/json");
    expect(await again.json()).toEqual(await first.json());
    expect(first.headers.get("idempotency-replayed")).toBeNull();
    expect(await owned(user)).toBe(1);
    // Another key, or another person with the same key, is a new request.
    expect((await post(user, body, "key-2")).status).toBe(201);
    const other = person();
    expect((await post(other, body, "key-1")).headers.get("idempotency-replayed")).toBeNull();
    expect(await owned(user)).toBe(2);
    expect(await owned(other)).toBe(1);
  });

  it("refuses the same key with another body (422) and a malformed key (400), creating nothing", async () => {
    const user = person();
    expect((await post(user, { name: unique("a") }, "k")).status).toBe(201);
    const reused = await post(user, { name: unique("b") }, "k");
    expect(reused.status).toBe(422);
    expect(await code(reused)).toBe("idempotency_key_reused");
    for (const bad of ["", "with space", "x".repeat(256), "é"]) {
      const refused = await post(user, { name: unique("c") }, bad);
      expect(refused.status, bad).toBe(400);
      expect(await code(refused)).toBe("invalid_idempotency_key");
    }
    expect(await owned(user)).toBe(1);
  });

  it("answers 409 idempotency_in_progress while the first request with the key is still running", async () => {
    const user = person();
    const body = { name: unique("p") };
    const running = await claimIdempotencyKey({ actorId: user.id, operationId: "projects.create", key: "busy" }, JSON.stringify(body));
    expect(running.kind).toBe("claimed");
    const duplicate = await post(user, body, "busy");
    expect(duplicate.status).toBe(409);
    expect(await code(duplicate)).toBe("idempotency_in_progress");
    expect(await owned(user)).toBe(0);
  });

  it("lets concurrent duplicates create one record at most", async () => {
    const user = person();
    const body = { name: unique("race") };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(user, body, "race")));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    expect(
      statuses.every((status) => status === 201 || status === 409),
      String(statuses),
    ).toBe(true);
    expect(await owned(user)).toBe(1);
  });

  it("forgets a refused request's claim, so a retry after a grant runs", async () => {
    const user = { ...person(), permissions: new Set<string>() };
    const body = { name: unique("later") };
    expect((await post(user, body, "grant")).status).toBe(403);
    expect((await post({ ...user, permissions: new Set(["projects:create"]) }, body, "grant")).status).toBe(201);
  });
});
