import { describe, expect, it } from "vitest";
import { ageOn, loginSchema, registerSchema } from "@/lib/accounts/schemas";

const valid = { firstName: " Ada ", lastName: "Lovelace", email: " Ada@Example.COM ", dateOfBirth: "1990-12-10", password: "lantern orbit quietly 1984", confirmPassword: "lantern orbit quietly 1984" };

describe("account schemas (shared by forms and server actions)", () => {
  it("trims names and lower-cases the email", () => {
    const parsed = registerSchema.parse(valid);
    expect(parsed.firstName).toBe("Ada");
    expect(parsed.email).toBe("ada@example.com");
  });

  it("reports each bad field by name", () => {
    const result = registerSchema.safeParse({ ...valid, email: "nope", dateOfBirth: "2030-01-01", password: "short", confirmPassword: "other" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((issue) => issue.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["email", "dateOfBirth", "password"]));
  });

  it("refuses impossible dates, the too young and mismatched confirmations", () => {
    expect(registerSchema.safeParse({ ...valid, dateOfBirth: "1990-02-31" }).success).toBe(false);
    expect(registerSchema.safeParse({ ...valid, dateOfBirth: new Date().toISOString().slice(0, 10) }).success).toBe(false);
    const mismatch = registerSchema.safeParse({ ...valid, confirmPassword: "something else entirely" });
    expect(mismatch.error!.issues[0]!.path).toEqual(["confirmPassword"]);
  });

  it("computes age on the birthday boundary", () => {
    expect(ageOn("2000-06-15", new Date("2016-06-14T12:00:00Z"))).toBe(15);
    expect(ageOn("2000-06-15", new Date("2016-06-15T12:00:00Z"))).toBe(16);
  });

  it("bounds login input", () => {
    expect(loginSchema.safeParse({ email: "a@b.co", password: "x".repeat(2000) }).success).toBe(false);
    expect(loginSchema.parse({ email: "a@b.co", password: "x" }).rememberMe).toBe(false);
  });
});
