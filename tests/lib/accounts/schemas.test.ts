import { describe, expect, it } from "vitest";
import { ageOn, loginSchema, profileSchema, registerSchema } from "@/lib/accounts/schemas";
import { adminProfileSchema } from "@/lib/users/schemas";

const valid = {
  firstName: " Ada ",
  lastName: "Lovelace",
  email: " Ada@Example.COM ",
  dateOfBirth: "1990-12-10",
  password: "lantern orbit quietly 1984",
  confirmPassword: "lantern orbit quietly 1984",
};

describe("account schemas (shared by forms and server actions)", () => {
  it("trims names and lower-cases the email", () => {
    const parsed = registerSchema.parse(valid);
    expect(parsed.firstName).toBe("Ada");
    expect(parsed.email).toBe("ada@example.com");
  });

  it("reports each bad field by name", () => {
    const result = registerSchema.safeParse({
      ...valid,
      email: "nope",
      dateOfBirth: "2030-01-01",
      password: "short",
      confirmPassword: "other",
    });
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

  it("accepts names in any script, with apostrophes, hyphens, periods and combining marks", () => {
    const names = [
      "Zoë",
      "Ærøskøbing",
      "O'Brien",
      "d’Artagnan",
      "Jean-Luc",
      "J. R. R.",
      "’t Hooft",
      "Nguyễn Thị Minh Khai",
      "Владимир",
      "Ἀριστοτέλης",
      "李小龙",
      "محمد",
      "שָׁלוֹם",
      "अनुष्का",
      "さくら",
      "Ž\u030Cal",
    ];
    for (const name of names) {
      const parsed = profileSchema.safeParse({ firstName: name, lastName: name, dateOfBirth: "1990-12-10" });
      expect(parsed.success, `${name}: ${parsed.error?.issues[0]?.message}`).toBe(true);
    }
    // Composed the one way, so "é" typed two ways is one name.
    expect(profileSchema.parse({ firstName: "Rene\u0301e", lastName: "X", dateOfBirth: "1990-12-10" }).firstName).toBe("Ren\u00e9e");
  });

  it("refuses line breaks, URLs, markup and digits in names, in the user's and the admin's form alike", () => {
    const bad = [
      "Ada\r\nBcc: x@evil.example",
      "Ada\nLovelace",
      "Ada\tL",
      "https://evil.example",
      "www.evil.example",
      "evil.example",
      "<b>Ada</b>",
      "Ada 2",
      "@ada",
      "Ada_L",
      "'-.",
      "Ada\u202EL",
    ];
    for (const name of bad) {
      expect(registerSchema.safeParse({ ...valid, firstName: name }).success, JSON.stringify(name)).toBe(false);
      expect(
        adminProfileSchema.safeParse({ userId: "u1", firstName: "Ada", lastName: name, dateOfBirth: "" }).success,
        JSON.stringify(name),
      ).toBe(false);
    }
    const issue = registerSchema.safeParse({ ...valid, lastName: "Lovelace\nhttps://evil.example" }).error!.issues[0]!;
    expect(issue.path).toEqual(["lastName"]);
    expect(issue.message).toMatch(/only letters, spaces, apostrophes, hyphens and periods/);
  });
});
