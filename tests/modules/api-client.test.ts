import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { apiClient } from "@/lib/api-client";
import { system } from "@/modules";
import { unique, useTestDatabase } from "../helpers/database";
import { documentedRestHandler } from "../helpers/openapi-validate";

// The typed client (lib/api-client, generated from the OpenAPI document) against the real router, end to end:
// what the types promise is what the server answers, and every answer is one the document lists.

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => (session.user ? { stage: "active", user: session.user } : { stage: "anonymous" }),
}));

const handler = documentedRestHandler(system);

/** openapi-fetch's fetch, served by the route handler in process, as Next would call it. */
async function serve(request: Request): Promise<Response> {
  const segments = new URL(request.url).pathname
    .replace(/^\/api\/v1\//, "")
    .split("/")
    .map(decodeURIComponent);
  return handler(request, { params: Promise.resolve({ path: segments }) });
}

const client = apiClient({
  baseUrl: "http://localhost/api/v1",
  fetch: serve,
  // The session cookie rides only on this site's own changes.
  headers: { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin" },
});

describe("the typed API client", () => {
  useTestDatabase();

  it("creates, reads, lists, changes (If-Match) and deletes a project", async () => {
    const projects = system.resources.find((r) => r.name === "projects")!;
    const user = await db.user.create({ data: { email: `${unique("client")}@example.com`, firstName: "Client", lastName: "Tester" } });
    session.user = {
      ...user,
      sessionId: "test",
      roles: [],
      permissions: new Set(Object.values(projects.permissions)),
      twoFactorEnabled: false,
    };

    const name = unique("Client project");
    const created = await client.POST("/projects", { body: { name, status: "on_hold" } });
    expect(created.response.status).toBe(201);
    const project = created.data!;
    expect(project).toMatchObject({ name, status: "on_hold", description: "", version: 1 });

    const got = await client.GET("/projects/{id}", { params: { path: { id: project.id } } });
    expect(got.data).toEqual(project);
    expect(got.response.headers.get("etag")).toBe('"1"');

    const listed = await client.GET("/projects", { params: { query: { q: name, size: 10 } } });
    expect(listed.data?.items.map((p) => p.id)).toEqual([project.id]);
    expect(listed.response.headers.get("link")).toContain('rel="first"');

    const changed = await client.PATCH("/projects/{id}", {
      params: { path: { id: project.id }, header: { "If-Match": '"1"' } },
      body: { status: "done" },
    });
    expect(changed.data).toMatchObject({ status: "done", version: 2 });
    const stale = await client.PATCH("/projects/{id}", {
      params: { path: { id: project.id }, header: { "If-Match": '"1"' } },
      body: { status: "active" },
    });
    expect(stale.response.status).toBe(412);
    expect(stale.error).toMatchObject({ status: 412, code: "version_conflict" });

    const invalid = await client.POST("/projects", { body: { name: "" } });
    expect(invalid.error).toMatchObject({ code: "invalid_input", errors: { name: expect.any(Array) } });

    const deleted = await client.DELETE("/projects/{id}", { params: { path: { id: project.id }, header: { "If-Match": '"2"' } } });
    expect(deleted.response.status).toBe(204);
    const gone = await client.GET("/projects/{id}", { params: { path: { id: project.id } } });
    expect(gone.error).toMatchObject({ status: 404, code: "not_found" });
  });
});
