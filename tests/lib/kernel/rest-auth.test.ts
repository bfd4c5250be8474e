import { describe, expect, it, vi } from "vitest";
import { system } from "@/modules";
import { useTestDatabase } from "../../helpers/database";
import { documentedRestHandler } from "../../helpers/openapi-validate";

// A request that carries a bearer token is judged by the token alone: a valid session cookie beside a bad token
// does not let it through.
vi.mock("@/lib/auth/current-user", () => ({
  currentSession: async () => ({
    stage: "active",
    user: {
      id: "u1",
      sessionId: "s1",
      email: "a@example.com",
      firstName: "A",
      lastName: "B",
      roles: [],
      permissions: new Set(["projects:read"]),
      twoFactorEnabled: false,
    },
  }),
}));

const handler = documentedRestHandler(system);
const call = (headers: Record<string, string>) =>
  handler(new Request("http://localhost/api/v1/projects", { headers: { host: "localhost", ...headers } }), {
    params: Promise.resolve({ path: ["projects"] }),
  });

describe("API authentication", () => {
  // Refused credentials count against the caller's address (a rate-limit counter in the database).
  useTestDatabase();

  it("refuses a bad or malformed bearer token even when the session cookie would pass, and says so in WWW-Authenticate", async () => {
    for (const authorization of ["Bearer not-a-token", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a b"]) {
      const response = await call({ authorization, cookie: "session=whatever" });
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ code: "invalid_token" });
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm=".+", error="invalid_token"$/);
    }
  });

  it("answers with the session cookie when no bearer token is sent", async () => {
    expect((await call({})).status).not.toBe(401);
  });
});
